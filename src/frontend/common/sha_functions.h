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

// The two shapes of the Sigma (hash) and sigma (message schedule) functions.
template <int A, int B, int C, typename T>
constexpr T rotate3(T x) {
  return std::rotr(x, A) ^ std::rotr(x, B) ^ std::rotr(x, C);
}
template <int A, int B, int S, typename T>
constexpr T rotate2_shift(T x) {
  return std::rotr(x, A) ^ std::rotr(x, B) ^ (x >> S);
}

// SHA-256's and SHA-512's.
inline constexpr auto sha256_big_sigma0 = rotate3<2, 13, 22, uint32_t>;
inline constexpr auto sha256_big_sigma1 = rotate3<6, 11, 25, uint32_t>;
inline constexpr auto sha256_sigma0 = rotate2_shift<7, 18, 3, uint32_t>;
inline constexpr auto sha256_sigma1 = rotate2_shift<17, 19, 10, uint32_t>;
inline constexpr auto sha512_big_sigma0 = rotate3<28, 34, 39, uint64_t>;
inline constexpr auto sha512_big_sigma1 = rotate3<14, 18, 41, uint64_t>;
inline constexpr auto sha512_sigma0 = rotate2_shift<1, 8, 7, uint64_t>;
inline constexpr auto sha512_sigma1 = rotate2_shift<19, 61, 6, uint64_t>;

}  // namespace xisa::frontend::sha
