/* RISC-V V 1.0: loops clang auto-vectorises for -march=rv64gcv -O3 (integer and FP arithmetic,
 * widening, reductions, conditional selects, strided and gathered accesses, strings), and a few
 * hand-written kernels for what compilers rarely emit (fault-only-first strlen across a page
 * end, segment loads, vcompress, fixed-point with vxrm/vxsat). Built with -mllvm
 * -riscv-v-vector-bits-min=128 (clang 14 vectorises loops for RVV only with it).
 * Stored expectation: qemu-riscv64 7.2 (-cpu rv64,v=true,vlen=128,elen=64,vext_spec=v1.0)
 * aborts on the vectorised float-to-int loop (vfcvt.rtz.x.f.v), so the reference is qemu's run
 * of this source built without the vector-bits option: clang 14 then leaves every loop scalar
 * and only the hand-written V kernels remain, and the loops compute the same values either way.
 * To re-record: clang-14 --target=riscv64-linux-gnu -march=rv64gcv -O3 -static rv_vector.c -lm,
 * then qemu-riscv64 -cpu rv64,v=true,vlen=128,elen=64,vext_spec=v1.0. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define N 1037

static int32_t a[N], b[N], c[N];
static int16_t h[N];
static int64_t w[N];
static uint8_t bytes[3 * N];
static float fa[N], fb[N], fc[N];
static double da[N], db[N];
static uint32_t idx[N];

static uint64_t mix(uint64_t h0, uint64_t v) {
  return (h0 ^ v) * 0x100000001b3ull;
}

__attribute__((noinline)) static void int_kernels(void) {
  for (int i = 0; i < N; ++i) c[i] = a[i] * b[i] + (a[i] > b[i] ? a[i] : b[i]);
  for (int i = 0; i < N; ++i) w[i] = (int64_t)a[i] * b[i] - h[i];
  for (int i = 0; i < N; ++i) h[i] = (int16_t)(c[i] >> 3) ^ (int16_t)i;
  for (int i = 0; i < N; ++i) c[i] = b[i] != 0 ? a[i] / b[i] : a[i] % 7;
  for (int i = 0; i < N; ++i) c[i] += a[idx[i]];
  for (int i = 0; i < N / 3; ++i) c[i] += bytes[3 * i] + 2 * bytes[3 * i + 1] + 3 * bytes[3 * i + 2];
  for (int i = 0; i < N; ++i) bytes[i] = (uint8_t)(bytes[i] + 200 > 255 ? 255 : bytes[i] + 200);
}

__attribute__((noinline)) static void fp_kernels(void) {
  for (int i = 0; i < N; ++i) fc[i] = fa[i] * 2.5f + fb[i];
  for (int i = 0; i < N; ++i) fc[i] = fc[i] > fa[i] ? fc[i] - fa[i] : sqrtf(fabsf(fc[i]));
  for (int i = 0; i < N; ++i) da[i] = da[i] * db[i] + (double)fa[i];
  for (int i = 0; i < N; ++i) db[i] = da[i] / (db[i] + 1.0);
  for (int i = 0; i < N; ++i) a[i] = (int32_t)(fc[i] * 1000.0f);
  for (int i = 0; i < N; ++i) fa[i] = (float)a[i] * 0.125f;
  for (int i = 0; i < N; ++i) fb[i] = fminf(fa[i], fb[i]) + fmaxf(fa[i], -fb[i]);
}

__attribute__((noinline)) static void reductions(void) {
  int64_t sum = 0;
  for (int i = 0; i < N; ++i) sum += c[i];
  int32_t mx = INT32_MIN, mn = INT32_MAX;
  for (int i = 0; i < N; ++i) mx = a[i] > mx ? a[i] : mx;
  for (int i = 0; i < N; ++i) mn = a[i] < mn ? a[i] : mn;
  uint32_t x = 0;
  for (int i = 0; i < N; ++i) x ^= (uint32_t)c[i];
  double ds = 0;
  for (int i = 0; i < N; ++i) ds += da[i];
  float fs = 0;
  for (int i = 0; i < N; ++i) fs += fc[i];
  printf("sum %lld max %d min %d xor %08x dsum %a fsum %a\n", (long long)sum, mx, mn, x, ds, fs);
}

/* strlen with vle8ff.v: the string ends just before a PROT_NONE page; the loads that reach
 * into it trim vl instead of faulting. */
static size_t vector_strlen(const char *s) {
  size_t len = 0;
  for (;;) {
    size_t vl;
    long first;
    __asm__ volatile(
        "vsetvli t0, zero, e8, m1, ta, ma\n"
        "vle8ff.v v8, (%[s])\n"
        "csrr %[vl], vl\n"
        "vmseq.vi v0, v8, 0\n"
        "vfirst.m %[first], v0\n"
        : [vl] "=r"(vl), [first] "=r"(first)
        : [s] "r"(s)
        : "t0", "v0", "v8", "memory");
    if (first >= 0) return len + (size_t)first;
    len += vl;
    s += vl;
  }
}

/* RGB deinterleave with vlseg3e8.v, and the green bytes of pixels with red > 128 packed by
 * vcompress. */
static void segments(void) {
  uint8_t r[16], g[16], bl[16], packed[16];
  size_t count;
  memset(packed, 0, sizeof packed);
  __asm__ volatile(
      "vsetivli t0, 16, e8, m1, ta, ma\n"
      "vlseg3e8.v v8, (%[src])\n"
      "vse8.v v8, (%[r])\n vse8.v v9, (%[g])\n vse8.v v10, (%[b])\n"
      "li t1, 128\n vmsgtu.vx v0, v8, t1\n"
      "vcompress.vm v12, v9, v0\n vcpop.m %[n], v0\n"
      "vsetvli zero, %[n], e8, m1, ta, ma\n vse8.v v12, (%[p])\n"
      : [n] "=&r"(count)
      : [src] "r"(bytes), [r] "r"(r), [g] "r"(g), [b] "r"(bl), [p] "r"(packed)
      : "t0", "t1", "v0", "v8", "v9", "v10", "v12", "memory");
  uint64_t hsh = 0xcbf29ce484222325ull;
  for (int i = 0; i < 16; ++i) hsh = mix(mix(mix(mix(hsh, r[i]), g[i]), bl[i]), packed[i]);
  printf("segments %zu %016llx\n", count, (unsigned long long)hsh);
}

/* Saturating add (vxsat) and averaging add under each vxrm. */
static void fixed_point(void) {
  for (int rm = 0; rm < 4; ++rm) {
    int16_t out[8], avg[8];
    unsigned long sat;
    __asm__ volatile(
        "csrw vxrm, %[rm]\n csrwi vxsat, 0\n"
        "vsetivli t0, 8, e16, m1, ta, ma\n"
        "vle16.v v8, (%[x])\n vle16.v v9, (%[y])\n"
        "vsadd.vv v10, v8, v9\n vaadd.vv v11, v8, v9\n vsmul.vv v12, v8, v9\n"
        "vadd.vv v10, v10, v12\n"
        "vse16.v v10, (%[o])\n vse16.v v11, (%[a])\n csrr %[sat], vxsat\n"
        : [sat] "=r"(sat)
        : [rm] "r"(rm), [x] "r"(h), [y] "r"(h + 8), [o] "r"(out), [a] "r"(avg)
        : "t0", "v8", "v9", "v10", "v11", "v12", "memory");
    uint64_t hsh = 0xcbf29ce484222325ull;
    for (int i = 0; i < 8; ++i) hsh = mix(mix(hsh, (uint16_t)out[i]), (uint16_t)avg[i]);
    printf("vxrm %d vxsat %lu %016llx\n", rm, sat, (unsigned long long)hsh);
  }
}

int main(void) {
  for (int i = 0; i < N; ++i) {
    a[i] = i * 7919 - 300000;
    b[i] = (i * 13) ^ 0x55;
    h[i] = (int16_t)(i * 331);
    fa[i] = (float)i * 0.25f - 100.0f;
    fb[i] = 1.0f / (float)(i + 1);
    da[i] = i * 1.5 - 7;
    db[i] = 3.0 / (i + 1);
    idx[i] = (uint32_t)((i * 37) % N);
  }
  for (int i = 0; i < 3 * N; ++i) bytes[i] = (uint8_t)(i * 29 + (i >> 3));
  int_kernels();
  fp_kernels();
  uint64_t hsh = 0xcbf29ce484222325ull;
  for (int i = 0; i < N; ++i)
    hsh = mix(mix(mix(mix(hsh, (uint32_t)c[i]), (uint64_t)w[i]), (uint16_t)h[i]), bytes[i]);
  printf("integer %016llx\n", (unsigned long long)hsh);
  hsh = 0xcbf29ce484222325ull;
  for (int i = 0; i < N; ++i) {
    uint32_t fbits;
    uint64_t dbits;
    memcpy(&fbits, &fc[i], 4);
    hsh = mix(hsh, fbits);
    memcpy(&fbits, &fb[i], 4);
    hsh = mix(hsh, fbits);
    memcpy(&dbits, &db[i], 8);
    hsh = mix(mix(hsh, dbits), (uint32_t)a[i]);
  }
  printf("float %016llx\n", (unsigned long long)hsh);
  reductions();
  segments();
  fixed_point();

  char *pages = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mprotect(pages + 4096, 4096, PROT_NONE);
  for (size_t n = 0; n < 40; n += 13) {
    char *s = pages + 4096 - n - 1;
    memset(s, 'x', n);
    s[n] = 0;
    printf("strlen %zu\n", vector_strlen(s));
  }
  return 0;
}
