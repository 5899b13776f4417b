// The logical functions of SHA-1, SHA-256 and SHA-512 (FIPS 180-4, 4.1), shared by the guests'
// SHA instructions (x86 SHA-NI, AArch64 SHA1/SHA256/SHA512).
#pragma once

#include <bit>
#include <cstdint>

namespace xisa::frontend::sha {

template <typename T>
constexpr T choose(T x, T y, T z) {
  return (x & y) ^ (~x & z);
}
template <typename T>
constexpr T majority(T x, T y, T z) {
  return (x & y) ^ (x & z) ^ (y & z);
}
template <typename T>
constexpr T parity(T x, T y, T z) {
  return x ^ y ^ z;
}

// SHA-1's f for rounds of kind fn: 0 choose, 1 and 3 parity, 2 majority.
constexpr uint32_t sha1_f(unsigned fn, uint32_t b, uint32_t c, uint32_t d) {
  return fn == 0 ? choose(b, c, d) : fn == 2 ? majority(b, c, d) : parity(b, c, d);
}

// SHA-256's Sigma (the hash) and sigma (the message schedule) functions.
constexpr uint32_t sha256_big_sigma0(uint32_t x) {
  return std::rotr(x, 2) ^ std::rotr(x, 13) ^ std::rotr(x, 22);
}
constexpr uint32_t sha256_big_sigma1(uint32_t x) {
  return std::rotr(x, 6) ^ std::rotr(x, 11) ^ std::rotr(x, 25);
}
constexpr uint32_t sha256_sigma0(uint32_t x) {
  return std::rotr(x, 7) ^ std::rotr(x, 18) ^ (x >> 3);
}
constexpr uint32_t sha256_sigma1(uint32_t x) {
  return std::rotr(x, 17) ^ std::rotr(x, 19) ^ (x >> 10);
}

// SHA-512's.
constexpr uint64_t sha512_big_sigma0(uint64_t x) {
  return std::rotr(x, 28) ^ std::rotr(x, 34) ^ std::rotr(x, 39);
}
constexpr uint64_t sha512_big_sigma1(uint64_t x) {
  return std::rotr(x, 14) ^ std::rotr(x, 18) ^ std::rotr(x, 41);
}
constexpr uint64_t sha512_sigma0(uint64_t x) {
  return std::rotr(x, 1) ^ std::rotr(x, 8) ^ (x >> 7);
}
constexpr uint64_t sha512_sigma1(uint64_t x) {
  return std::rotr(x, 19) ^ std::rotr(x, 61) ^ (x >> 6);
}

}  // namespace xisa::frontend::sha
