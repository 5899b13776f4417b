// AVX and AVX2 against the host CPU, under the interpreter and the JIT. Each snippet loads all
// sixteen YMM registers and MXCSR from a random image, runs VEX instructions on them and on
// operands in memory, and stores every YMM register and MXCSR back: comparing the buffer and the
// general registers with the native run checks the results, the upper halves a VEX.128 form
// zeroes and a legacy SSE form keeps, and the exception flags.
// The native oracle needs an x86-64 host with AVX2; elsewhere these tests skip or are not built.
#if defined(__x86_64__)
#include <gtest/gtest.h>

#include "avx_snippet.h"

namespace xisa::x86_64::testing {
namespace {

#define AVX_CASE(name, body) X86_SNIPPET(avx_##name, AVX_LOAD body AVX_STORE)

// --- integer, 256-bit: every 128-bit lane independently ---
AVX_CASE(
    int_arith256,
    "vpaddb %ymm1, %ymm2, %ymm3\n vpaddw 576(%rdi), %ymm4, %ymm5\n vpaddd %ymm6, %ymm7, %ymm8\n"
    " vpaddq %ymm9, %ymm10, %ymm11\n vpsubb %ymm12, %ymm13, %ymm14\n vpsubq %ymm0, %ymm1, %ymm15\n"
    " vpaddsb %ymm1, %ymm2, %ymm0\n vpaddusw 608(%rdi), %ymm3, %ymm4\n vpsubsw %ymm5, %ymm6, "
    "%ymm7\n"
    " vpsubusb %ymm8, %ymm9, %ymm10\n vpmullw %ymm11, %ymm12, %ymm13\n vpmulld %ymm14, %ymm15, "
    "%ymm1")
AVX_CASE(
    int_compare256,
    "vpcmpeqb %ymm1, %ymm2, %ymm3\n vpcmpeqw 576(%rdi), %ymm4, %ymm5\n vpcmpeqd %ymm6, %ymm7, "
    "%ymm8\n"
    " vpcmpeqq %ymm9, %ymm10, %ymm11\n vpcmpgtb %ymm12, %ymm13, %ymm14\n vpcmpgtq %ymm0, %ymm1, "
    "%ymm15\n"
    " vpminub %ymm1, %ymm2, %ymm0\n vpmaxsw 608(%rdi), %ymm3, %ymm4\n vpminsd %ymm5, %ymm6, %ymm7\n"
    " vpmaxud %ymm8, %ymm9, %ymm10\n vpminsb %ymm11, %ymm12, %ymm13\n vpmaxuw %ymm14, %ymm15, "
    "%ymm2")
AVX_CASE(
    int_logic256,
    "vpand %ymm1, %ymm2, %ymm3\n vpor 576(%rdi), %ymm4, %ymm5\n vpxor %ymm6, %ymm7, %ymm8\n"
    " vpandn %ymm9, %ymm10, %ymm11\n vandps %ymm12, %ymm13, %ymm14\n vxorpd %ymm0, %ymm1, %ymm15\n"
    " vorps 608(%rdi), %ymm2, %ymm0\n vandnpd %ymm3, %ymm4, %ymm5")
AVX_CASE(int_unpack256,
         "vpunpcklbw %ymm1, %ymm2, %ymm3\n vpunpckhwd 576(%rdi), %ymm4, %ymm5\n"
         " vpunpckldq %ymm6, %ymm7, %ymm8\n vpunpckhqdq %ymm9, %ymm10, %ymm11\n"
         " vpacksswb %ymm12, %ymm13, %ymm14\n vpackusdw %ymm0, %ymm1, %ymm15\n"
         " vpackssdw 608(%rdi), %ymm2, %ymm0\n vpackuswb %ymm3, %ymm4, %ymm5\n"
         " vunpcklps %ymm6, %ymm7, %ymm8\n vunpckhpd %ymm9, %ymm10, %ymm11")
AVX_CASE(
    int_shuffle256,
    "vpshufb %ymm1, %ymm2, %ymm3\n vpshufb 576(%rdi), %ymm4, %ymm5\n vpshufd $0x1b, %ymm6, %ymm7\n"
    " vpshuflw $0x72, 608(%rdi), %ymm8\n vpshufhw $0xd8, %ymm9, %ymm10\n"
    " vpalignr $5, %ymm11, %ymm12, %ymm13\n vpalignr $20, %ymm14, %ymm15, %ymm0\n"
    " vshufps $0x4e, %ymm1, %ymm2, %ymm3\n vshufpd $0xb, %ymm4, %ymm5, %ymm6\n"
    " vpslldq $3, %ymm7, %ymm8\n vpsrldq $9, %ymm9, %ymm10\n"
    " vpblendw $0xa5, %ymm11, %ymm12, %ymm13\n vblendps $0x96, %ymm14, %ymm15, %ymm1\n"
    " vblendpd $0x9, %ymm2, %ymm3, %ymm4\n vpblendvb %ymm5, %ymm6, %ymm7, %ymm8\n"
    " vblendvps %ymm9, 576(%rdi), %ymm10, %ymm11\n vblendvpd %ymm12, %ymm13, %ymm14, %ymm15")
AVX_CASE(
    int_shift256,
    "vpsllw $3, %ymm1, %ymm2\n vpsrld $31, %ymm3, %ymm4\n vpsraw $9, %ymm5, %ymm6\n"
    " vpsrlq $40, %ymm7, %ymm8\n vpsllq %xmm9, %ymm10, %ymm11\n vpsrad 576(%rdi), %ymm12, %ymm13\n"
    " vpsrlw %xmm14, %ymm15, %ymm0\n vpslld $33, %ymm1, %ymm3")
AVX_CASE(
    int_helpers256,
    "vpmuludq %ymm1, %ymm2, %ymm3\n vpmulhw 576(%rdi), %ymm4, %ymm5\n vpmulhuw %ymm6, %ymm7, "
    "%ymm8\n"
    " vpmaddwd %ymm9, %ymm10, %ymm11\n vpsadbw %ymm12, %ymm13, %ymm14\n vpavgb %ymm0, %ymm1, "
    "%ymm15\n"
    " vphaddd %ymm1, %ymm2, %ymm0\n vphsubsw 608(%rdi), %ymm3, %ymm4\n vpmaddubsw %ymm5, %ymm6, "
    "%ymm7\n"
    " vpmulhrsw %ymm8, %ymm9, %ymm10\n vpsignb %ymm11, %ymm12, %ymm13\n vpabsd %ymm14, %ymm15\n"
    " vpmuldq %ymm1, %ymm2, %ymm3\n vmpsadbw $0x2d, %ymm4, %ymm5, %ymm6\n vpabsb 640(%rdi), %ymm7")
// --- aliasing: the destination is also a source the view must not clobber ---
AVX_CASE(aliasing,
         "vpaddd %ymm1, %ymm2, %ymm1\n vpsubb %ymm4, %ymm4, %ymm5\n vpsllw %xmm3, %ymm3, %ymm3\n"
         " vpalignr $5, %ymm6, %ymm7, %ymm6\n vpsrlq %xmm8, %ymm9, %ymm8\n vaddps %ymm10, %ymm11, "
         "%ymm10\n"
         " vsubsd %xmm12, %xmm13, %xmm12\n vblendvps %ymm14, %ymm15, %ymm0, %ymm14\n"
         " vpshufb %ymm2, %ymm2, %ymm2")
// --- 128-bit VEX forms zero bits 255:128; legacy SSE forms keep them ---
AVX_CASE(vex128_zeroes_upper,
         "vpaddb %xmm1, %xmm2, %xmm3\n vpshufd $0x1b, %xmm4, %xmm5\n vmovdqa %xmm6, %xmm7\n"
         " vpslld $3, %xmm8, %xmm9\n vaddps 576(%rdi), %xmm10, %xmm11\n vmovd %eax, %xmm12\n"
         " vmovq 592(%rdi), %xmm13\n vxorps %xmm14, %xmm14, %xmm14")
AVX_CASE(
    legacy_keeps_upper,
    "paddb %xmm1, %xmm2\n pshufd $0x1b, %xmm4, %xmm5\n movdqa %xmm6, %xmm7\n pslld $3, %xmm8\n"
    " addps 576(%rdi), %xmm10\n movd %eax, %xmm12\n movq 592(%rdi), %xmm13\n xorps %xmm14, %xmm14")
// --- floating point ---
AVX_CASE(
    fp_arith256,
    "vaddps %ymm1, %ymm2, %ymm3\n vmulpd 576(%rdi), %ymm4, %ymm5\n vdivps %ymm6, %ymm7, %ymm8\n"
    " vsubpd %ymm9, %ymm10, %ymm11\n vsqrtps %ymm12, %ymm13\n vsqrtpd 608(%rdi), %ymm14\n"
    " vminps %ymm15, %ymm0, %ymm1\n vmaxpd %ymm2, %ymm3, %ymm4")
AVX_CASE(fp_misc256,
         "vaddsubps %ymm1, %ymm2, %ymm3\n vhaddpd 576(%rdi), %ymm4, %ymm5\n vhsubps %ymm6, %ymm7, "
         "%ymm8\n"
         " vroundps $1, %ymm9, %ymm10\n vroundpd $0xc, %ymm11, %ymm12\n vdpps $0xf3, %ymm13, "
         "%ymm14, %ymm15\n"
         " vcmpps $1, %ymm0, %ymm1, %ymm2\n vcmppd $4, 608(%rdi), %ymm3, %ymm4\n"
         " vmovsldup %ymm5, %ymm6\n vmovshdup %ymm7, %ymm8\n vmovddup %ymm9, %ymm10\n"
         " vcvtdq2ps %ymm11, %ymm12\n vcvttps2dq %ymm13, %ymm14\n vcvtps2dq %ymm15, %ymm0")
AVX_CASE(
    fp_scalar,
    "vaddss %xmm1, %xmm2, %xmm3\n vsqrtsd 576(%rdi), %xmm4, %xmm5\n vmulsd %xmm6, %xmm7, %xmm8\n"
    " vdivss %xmm9, %xmm10, %xmm11\n vminsd %xmm12, %xmm13, %xmm14\n vmaxss %xmm15, %xmm0, %xmm1\n"
    " vcvtsi2sd %rax, %xmm2, %xmm3\n vcvtsi2ssl %ecx, %xmm4, %xmm5\n vcvtss2sd %xmm6, %xmm7, "
    "%xmm8\n"
    " vcvtsd2ss %xmm9, %xmm10, %xmm11\n vcvttsd2si %xmm12, %rdx\n vcvtss2si %xmm13, %r8d\n"
    " vroundsd $3, %xmm14, %xmm15, %xmm0\n vcmpsd $2, %xmm1, %xmm2, %xmm3\n"
    " vucomisd %xmm4, %xmm5\n setb %r9b\n seta %r10b\n sete %r11b\n setp %bl")
AVX_CASE(moves,
         "vmovups 576(%rdi), %ymm1\n vmovdqu %ymm2, 1600(%rdi)\n vmovapd %ymm3, %ymm4\n"
         " vmovss 592(%rdi), %xmm5\n vmovss %xmm6, %xmm7, %xmm8\n vmovsd %xmm9, 1640(%rdi)\n"
         " vmovhps 600(%rdi), %xmm10, %xmm11\n vmovlpd 608(%rdi), %xmm12, %xmm13\n"
         " vmovhlps %xmm14, %xmm15, %xmm0\n vmovlhps %xmm1, %xmm2, %xmm3\n vmovd %xmm4, %eax\n"
         " vmovq %xmm5, %rcx\n vmovntdq %ymm6, 1664(%rdi)\n vlddqu 616(%rdi), %ymm7")
AVX_CASE(
    insert_extract,
    "vpinsrd $2, %eax, %xmm1, %xmm2\n vpinsrb $9, 576(%rdi), %xmm3, %xmm4\n vpinsrq $1, %rcx, "
    "%xmm5, %xmm6\n"
    " vpinsrw $5, %edx, %xmm7, %xmm8\n vinsertps $0x5c, %xmm9, %xmm10, %xmm11\n"
    " vpextrq $1, %xmm12, %r8\n vpextrb $13, %xmm13, %r9d\n vextractps $2, %xmm14, %r10d\n"
    " vpextrw $3, %xmm15, %r11d\n vpmovzxbw %xmm0, %xmm1\n vpmovsxdq 584(%rdi), %xmm2\n"
    " vpmovmskb %xmm3, %ebx\n vmovmskps %xmm4, %esi\n vptest %xmm5, %xmm6\n setz %al\n setc %cl")

// --- AVX and AVX2 instructions without an SSE form ---
AVX_CASE(
    cross_lane,
    "vpermq $0x1b, %ymm1, %ymm2\n vpermpd $0xd8, 576(%rdi), %ymm3\n vpermd %ymm4, %ymm5, %ymm6\n"
    " vpermps 608(%rdi), %ymm7, %ymm8\n vperm2i128 $0x31, %ymm9, %ymm10, %ymm11\n"
    " vperm2f128 $0x82, 640(%rdi), %ymm12, %ymm13\n vinserti128 $1, %xmm14, %ymm15, %ymm0\n"
    " vinsertf128 $0, 672(%rdi), %ymm1, %ymm4\n vextracti128 $1, %ymm2, %xmm5\n"
    " vextractf128 $1, %ymm3, 1600(%rdi)\n vpermd %ymm7, %ymm7, %ymm7")
AVX_CASE(
    broadcast,
    "vbroadcastss 576(%rdi), %ymm1\n vbroadcastss %xmm2, %xmm3\n vbroadcastsd %xmm4, %ymm5\n"
    " vbroadcastf128 592(%rdi), %ymm6\n vbroadcasti128 608(%rdi), %ymm7\n"
    " vpbroadcastb %xmm8, %ymm9\n vpbroadcastw 620(%rdi), %xmm10\n vpbroadcastd %xmm11, %ymm12\n"
    " vpbroadcastq 632(%rdi), %ymm13\n vpbroadcastb 641(%rdi), %xmm14")
AVX_CASE(in_lane,
         "vpermilps $0x1b, %ymm1, %ymm2\n vpermilps %ymm3, %ymm4, %ymm5\n vpermilpd $0x5, "
         "576(%rdi), %ymm6\n"
         " vpermilpd %ymm7, %ymm8, %ymm9\n vpermilps $0xc6, %xmm10, %xmm11\n vpermilpd %xmm12, "
         "%xmm13, %xmm14\n"
         " vpblendd $0xa5, %ymm15, %ymm0, %ymm1\n vpblendd $0x3, 608(%rdi), %xmm2, %xmm3")
AVX_CASE(
    variable_shifts,
    "vpsrld $27, %ymm1, %ymm1\n vpsrlq $58, %ymm2, %ymm2\n"  // counts in and past range
    " vpsllvd %ymm1, %ymm3, %ymm4\n vpsrlvd %ymm1, %ymm5, %ymm6\n vpsravd %ymm1, %ymm7, %ymm8\n"
    " vpsllvq %ymm2, %ymm9, %ymm10\n vpsrlvq %ymm2, %ymm11, %ymm12\n vpsravd %xmm13, %xmm14, "
    "%xmm15\n"
    " vpsllvd 576(%rdi), %ymm0, %ymm13\n vpsrlvq %xmm2, %xmm3, %xmm0")
AVX_CASE(widen_narrow,
         "vpmovzxbw %xmm1, %ymm2\n vpmovsxbd 576(%rdi), %ymm3\n vpmovzxbq %xmm4, %ymm5\n"
         " vpmovsxwd 592(%rdi), %ymm6\n vpmovzxwq %xmm7, %ymm8\n vpmovsxdq %xmm9, %ymm10\n"
         " vcvtps2pd %xmm11, %ymm12\n vcvtdq2pd 608(%rdi), %ymm13\n vcvtpd2ps %ymm14, %xmm15\n"
         " vcvttpd2dqy 640(%rdi), %xmm0\n vcvtpd2dq %ymm1, %xmm1\n vpmovzxbw %xmm3, %ymm3")
AVX_CASE(masks_and_tests,
         "vpmovmskb %ymm1, %eax\n vmovmskps %ymm2, %ecx\n vmovmskpd %ymm3, %edx\n"
         " vptest %ymm4, %ymm5\n setz %r8b\n setc %r9b\n vptest 576(%rdi), %ymm6\n setz %r10b\n"
         " setc %r11b\n vtestps %ymm7, %ymm8\n setz %bl\n setc %bh\n vtestpd %xmm9, %xmm10\n"
         " setz %sil\n setc %r12b\n vptest %ymm11, %ymm11\n setz %r13b\n setc %r14b")
AVX_CASE(zero_upper, "vzeroupper\n vpaddd %xmm1, %xmm2, %xmm3")
AVX_CASE(zero_all, "vzeroall")
AVX_CASE(estimates,
         "vrcpps %ymm1, %ymm2\n vrsqrtps 576(%rdi), %ymm3\n vrcpss %xmm4, %xmm5, %xmm6\n"
         " vrsqrtss %xmm7, %xmm8, %xmm9\n vrcpps %xmm10, %xmm11")
AVX_CASE(masked_moves,
         "vmaskmovps 576(%rdi), %ymm1, %ymm2\n vmaskmovpd 640(%rdi), %xmm3, %xmm4\n"
         " vpmaskmovd %ymm5, %ymm6, 1600(%rdi)\n vpmaskmovq %xmm7, %xmm8, 1640(%rdi)\n"
         " vpmaskmovq 608(%rdi), %ymm9, %ymm10\n vmaskmovps %xmm11, %xmm12, 1664(%rdi)")
// Index elements 0-7: AND with a broadcast 7.
AVX_CASE(
    gathers,
    "mov $7, %eax\n vmovq %rax, %xmm15\n vpbroadcastq %xmm15, %ymm14\n vpbroadcastd %xmm15, "
    "%ymm15\n"
    " vpand %ymm15, %ymm1, %ymm1\n vpand %ymm14, %ymm4, %ymm4\n"
    " vpgatherdd %ymm2, 576(%rdi,%ymm1,4), %ymm3\n vpgatherqq %ymm5, 576(%rdi,%ymm4,8), %ymm6\n"
    " vgatherdpd %xmm7, 580(%rdi,%xmm1,8), %xmm8\n vpgatherqd %xmm9, 600(%rdi,%ymm4,4), %xmm10\n"
    " vgatherdps %xmm11, 576(%rdi,%xmm1,2), %xmm12\n vpgatherdq %ymm13, 576(%rdi,%xmm1,8), %ymm0")

const SnippetCase kCases[] = {X86_SNIPPET_CASE(avx_int_arith256),
                              X86_SNIPPET_CASE(avx_int_compare256),
                              X86_SNIPPET_CASE(avx_int_logic256),
                              X86_SNIPPET_CASE(avx_int_unpack256),
                              X86_SNIPPET_CASE(avx_int_shuffle256),
                              X86_SNIPPET_CASE(avx_int_shift256),
                              X86_SNIPPET_CASE(avx_int_helpers256),
                              X86_SNIPPET_CASE(avx_aliasing),
                              X86_SNIPPET_CASE(avx_vex128_zeroes_upper),
                              X86_SNIPPET_CASE(avx_legacy_keeps_upper),
                              X86_SNIPPET_CASE(avx_fp_arith256),
                              X86_SNIPPET_CASE(avx_fp_misc256),
                              X86_SNIPPET_CASE(avx_fp_scalar),
                              X86_SNIPPET_CASE(avx_moves),
                              X86_SNIPPET_CASE(avx_insert_extract),
                              X86_SNIPPET_CASE(avx_cross_lane),
                              X86_SNIPPET_CASE(avx_broadcast),
                              X86_SNIPPET_CASE(avx_in_lane),
                              X86_SNIPPET_CASE(avx_variable_shifts),
                              X86_SNIPPET_CASE(avx_widen_narrow),
                              X86_SNIPPET_CASE(avx_masks_and_tests),
                              X86_SNIPPET_CASE(avx_zero_upper),
                              X86_SNIPPET_CASE(avx_zero_all), X86_SNIPPET_CASE(avx_estimates),
                              X86_SNIPPET_CASE(avx_masked_moves),
                              X86_SNIPPET_CASE(avx_gathers)};

class AvxNativeDiff : public ::testing::TestWithParam<SnippetCase> {};

TEST_P(AvxNativeDiff, MatchesHost) {
  if (!__builtin_cpu_supports("avx2")) GTEST_SKIP() << "the host has no AVX2 to compare with";
  expect_avx_snippet_matches_host(GetParam(), 56, 40, avx_random_input);
}

INSTANTIATE_TEST_SUITE_P(X86_64, AvxNativeDiff, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<SnippetCase>& i) {
                           return std::string(i.param.name).substr(4);  // without "avx_"
                         });

}  // namespace
}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
