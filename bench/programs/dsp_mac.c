/* DSP-style kernels: a 16-bit FIR filter with 32-bit multiply-accumulate and a 32x32->64
 * dot product, as codecs and audio filters run them. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 100000;
  enum { kLen = 1024, kTaps = 16 };
  static int16_t in[kLen + kTaps], out[kLen];
  static int32_t x32[kLen], y32[kLen];
  int16_t taps[kTaps];
  for (int i = 0; i < kTaps; ++i) taps[i] = (int16_t)((i * 2731) % 4096 - 2048);
  for (int i = 0; i < kLen + kTaps; ++i) in[i] = (int16_t)((i * 977) % 65536 - 32768);
  for (int i = 0; i < kLen; ++i) x32[i] = i * 40503 - 7, y32[i] = (i ^ 0x5a5a) * 2654435;
  int64_t acc64 = 0;
  for (long done = 0; done < n; done += kLen) {
    for (int i = 0; i < kLen; ++i) {
      int32_t acc = 0;
      for (int t = 0; t < kTaps; ++t) acc += (int32_t)in[i + t] * taps[t];
      out[i] = (int16_t)(acc >> 15);
    }
    for (int i = 0; i < kLen; ++i) acc64 += (int64_t)x32[i] * y32[i];
    in[done % kLen] = out[(done / kLen) % kLen];
  }
  uint32_t h = 0;
  for (int i = 0; i < kLen; ++i) h = h * 31 + (uint16_t)out[i];
  printf("%08x %lld\n", h, (long long)acc64);
  return 0;
}
