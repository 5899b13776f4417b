/* RISC-V scalar crypto (Zkne, Zknd, Zknh, Zbkb, Zbkx; RV64 forms): AES-128 with the aes64*
 * instructions (key schedule by aes64ks1i/aes64ks2, rounds by aes64esm/aes64es, decryption by
 * aes64dsm/aes64ds with aes64im on the round keys) on FIPS-197's example, checked against its
 * ciphertext, and the SHA-256/SHA-512 sigma functions and Zbkb/Zbkx's packs, brev8 and xperms on a
 * table of values. Built with -march=rv64gc_zkne_zknd_zknh_zbkb_zbkx and compared with qemu-riscv64
 * -cpu rv64,zkne=true,... */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define BINARY(name)                                         \
  static uint64_t name(uint64_t a, uint64_t b) {             \
    uint64_t r;                                              \
    __asm__(#name " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); \
    return r;                                                \
  }
#define UNARY(name)                              \
  static uint64_t name(uint64_t a) {             \
    uint64_t r;                                  \
    __asm__(#name " %0, %1" : "=r"(r) : "r"(a)); \
    return r;                                    \
  }
BINARY(aes64es)
BINARY(aes64esm)
BINARY(aes64ds)
BINARY(aes64dsm)
BINARY(aes64ks2)
BINARY(pack)
BINARY(packh)
BINARY(packw)
BINARY(xperm8)
BINARY(xperm4)
UNARY(aes64im)
UNARY(brev8)
UNARY(sha256sig0)
UNARY(sha256sig1)
UNARY(sha256sum0)
UNARY(sha256sum1)
UNARY(sha512sig0)
UNARY(sha512sig1)
UNARY(sha512sum0)
UNARY(sha512sum1)

// clang-format off
#define KS1I(rnum)                                          \
  static uint64_t ks1i_##rnum(uint64_t a) {                 \
    uint64_t r;                                             \
    __asm__("aes64ks1i %0, %1, " #rnum : "=r"(r) : "r"(a)); \
    return r;                                               \
  }
KS1I(0) KS1I(1) KS1I(2) KS1I(3) KS1I(4) KS1I(5) KS1I(6) KS1I(7) KS1I(8) KS1I(9) KS1I(10)
static uint64_t (*const kKs1i[11])(uint64_t) = {ks1i_0, ks1i_1, ks1i_2, ks1i_3, ks1i_4, ks1i_5,
                                                ks1i_6, ks1i_7, ks1i_8, ks1i_9, ks1i_10};
// clang-format on

/* AES-128 key expansion: 11 round keys of two doublewords each. */
static void expand_key(const uint64_t key[2], uint64_t rk[22]) {
  rk[0] = key[0];
  rk[1] = key[1];
  for (int i = 0; i < 10; ++i) {
    const uint64_t t = kKs1i[i](rk[2 * i + 1]);
    rk[2 * i + 2] = aes64ks2(t, rk[2 * i]);
    rk[2 * i + 3] = aes64ks2(rk[2 * i + 2], rk[2 * i + 1]);
  }
}

int main(void) {
  static const uint8_t kKey[16] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                   0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
  static const uint8_t kPlain[16] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                     0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
  static const uint8_t kCipher[16] = {0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
                                      0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a};
  uint64_t key[2], rk[22], s[2];
  memcpy(key, kKey, 16);
  expand_key(key, rk);
  for (int i = 0; i < 11; ++i)
    printf("rk%-2d %016llx %016llx\n", i, (unsigned long long)rk[2 * i],
           (unsigned long long)rk[2 * i + 1]);
  memcpy(s, kPlain, 16);
  s[0] ^= rk[0];
  s[1] ^= rk[1];
  for (int r = 1; r < 10; ++r) {
    const uint64_t n0 = aes64esm(s[0], s[1]) ^ rk[2 * r], n1 = aes64esm(s[1], s[0]) ^ rk[2 * r + 1];
    s[0] = n0;
    s[1] = n1;
  }
  uint64_t c0 = aes64es(s[0], s[1]) ^ rk[20], c1 = aes64es(s[1], s[0]) ^ rk[21];
  uint8_t out[16];
  memcpy(out, &c0, 8);
  memcpy(out + 8, &c1, 8);
  printf("cipher %016llx %016llx fips-197: %s\n", (unsigned long long)c0, (unsigned long long)c1,
         memcmp(out, kCipher, 16) == 0 ? "ok" : "WRONG");
  /* Decryption with the equivalent inverse cipher's round keys (aes64im on rounds 1..9). */
  s[0] = c0 ^ rk[20];
  s[1] = c1 ^ rk[21];
  for (int r = 9; r >= 1; --r) {
    const uint64_t n0 = aes64dsm(s[0], s[1]) ^ aes64im(rk[2 * r]);
    const uint64_t n1 = aes64dsm(s[1], s[0]) ^ aes64im(rk[2 * r + 1]);
    s[0] = n0;
    s[1] = n1;
  }
  const uint64_t p0 = aes64ds(s[0], s[1]) ^ rk[0], p1 = aes64ds(s[1], s[0]) ^ rk[1];
  memcpy(out, &p0, 8);
  memcpy(out + 8, &p1, 8);
  printf("plain %016llx %016llx round trip: %s\n", (unsigned long long)p0, (unsigned long long)p1,
         memcmp(out, kPlain, 16) == 0 ? "ok" : "WRONG");
  static const uint64_t kValues[] = {0,
                                     1,
                                     0x80000000,
                                     0xffffffff,
                                     0x123456789abcdef0,
                                     0xffffffffffffffff,
                                     0x8000000000000000,
                                     0x6a09e667f3bcc908};
  for (unsigned i = 0; i < sizeof kValues / sizeof kValues[0]; ++i) {
    const uint64_t x = kValues[i];
    printf("%016llx: %llx %llx %llx %llx | %llx %llx %llx %llx | im %llx\n", (unsigned long long)x,
           (unsigned long long)sha256sig0(x), (unsigned long long)sha256sig1(x),
           (unsigned long long)sha256sum0(x), (unsigned long long)sha256sum1(x),
           (unsigned long long)sha512sig0(x), (unsigned long long)sha512sig1(x),
           (unsigned long long)sha512sum0(x), (unsigned long long)sha512sum1(x),
           (unsigned long long)aes64im(x));
    const uint64_t y = kValues[(i + 3) % (sizeof kValues / sizeof kValues[0])];
    printf("  pack %llx packh %llx packw %llx brev8 %llx xperm8 %llx %llx xperm4 %llx %llx\n",
           (unsigned long long)pack(x, y), (unsigned long long)packh(x, y),
           (unsigned long long)packw(x, y), (unsigned long long)brev8(x),
           (unsigned long long)xperm8(x, y), (unsigned long long)xperm8(x, 0x0001020304050607),
           (unsigned long long)xperm4(x, y), (unsigned long long)xperm4(x, 0xfedcba9876543210));
  }
  return 0;
}
