/* Interpreter-style indirect dispatch: a bytecode loop through a table of function pointers. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct { int64_t acc, x; int pc; } Vm;
typedef void (*Op)(Vm*);
static void op_add(Vm* v) { v->acc += v->x; v->pc++; }
static void op_mul(Vm* v) { v->acc = v->acc * 3 + 1; v->pc++; }
static void op_xor(Vm* v) { v->acc ^= v->acc >> 7; v->pc++; }
static void op_inc(Vm* v) { v->x++; v->pc++; }
static void op_jmp(Vm* v) { v->pc = 0; }
static const Op ops[] = {op_add, op_mul, op_xor, op_inc, op_jmp};
static const unsigned char program[] = {0, 3, 1, 2, 0, 2, 3, 1, 4};

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000;
  Vm v = {1, 1, 0};
  for (long i = 0; i < n; ++i) ops[program[v.pc]](&v);
  printf("%lld %lld\n", (long long)v.acc, (long long)v.x);
  return 0;
}
