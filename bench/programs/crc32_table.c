/* Table-driven CRC-32 (byte at a time, reflected 0xEDB88320): table loads, 32-bit xor and
 * shifts, the loop of zlib's portable path. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint32_t table[256];

static void make_table(void) {
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
}

static uint32_t crc32(uint32_t crc, const uint8_t* p, size_t n) {
  crc = ~crc;
  while (n--) crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000;
  enum { kBuf = 4096 };
  static uint8_t buf[kBuf];
  for (int i = 0; i < kBuf; ++i) buf[i] = (uint8_t)(i * 131 + (i >> 5));
  make_table();
  uint32_t crc = 0;
  for (long done = 0; done < n; done += kBuf) crc = crc32(crc, buf, kBuf);
  printf("%08x\n", crc);
  return 0;
}
