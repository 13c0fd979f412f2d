#include "advisory/pep440.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

// The tables below come from PEP 440 (the examples of its "Normalization",
// "Final releases", "Version epochs" and "Summary of permitted suffixes and
// relative ordering" sections) and from pypa/packaging's tests/test_version.py
// (test_normalized_versions, test_version_str_repr, test_invalid_versions
// and the sorted VERSIONS list), the reference implementation's test corpus.

namespace chainward::advisory {
namespace {

struct NormalCase {
  const char* text;
  const char* normal;
};

constexpr NormalCase kNormalized[] = {
    // PEP 440, "Normalization", one example per rule.
    {"1.1RC1", "1.1rc1"},
    {"00", "0"},
    {"09000", "9000"},
    {"1.0+foo0100", "1.0+foo0100"},
    {"1.1.a1", "1.1a1"},
    {"1.1-a1", "1.1a1"},
    {"1.0a.1", "1.0a1"},
    {"1.1alpha1", "1.1a1"},
    {"1.1beta2", "1.1b2"},
    {"1.1c3", "1.1rc3"},
    {"1.2a", "1.2a0"},
    {"1.2-post2", "1.2.post2"},
    {"1.2post2", "1.2.post2"},
    {"1.2.post-2", "1.2.post2"},
    {"1.0-r4", "1.0.post4"},
    {"1.2.post", "1.2.post0"},
    {"1.0-1", "1.0.post1"},
    {"1.2-dev2", "1.2.dev2"},
    {"1.2dev2", "1.2.dev2"},
    {"1.2.dev", "1.2.dev0"},
    {"1.0+ubuntu-1", "1.0+ubuntu.1"},
    {"v1.0", "1.0"},
    {"1.0\n", "1.0"},
    {" \t\r\f\v1.0 \n", "1.0"},
    // packaging: development release incarnations.
    {"1.0dev", "1.0.dev0"},
    {"1.0.dev", "1.0.dev0"},
    {"1.0dev1", "1.0.dev1"},
    {"1.0-dev", "1.0.dev0"},
    {"1.0-dev1", "1.0.dev1"},
    {"1.0DEV", "1.0.dev0"},
    {"1.0.DEV", "1.0.dev0"},
    {"1.0DEV1", "1.0.dev1"},
    {"1.0.DEV1", "1.0.dev1"},
    {"1.0-DEV", "1.0.dev0"},
    {"1.0-DEV1", "1.0.dev1"},
    // packaging: alpha, beta and release candidate incarnations.
    {"1.0a", "1.0a0"},
    {"1.0.a", "1.0a0"},
    {"1.0.a1", "1.0a1"},
    {"1.0-a", "1.0a0"},
    {"1.0-a1", "1.0a1"},
    {"1.0alpha", "1.0a0"},
    {"1.0.alpha", "1.0a0"},
    {"1.0.alpha1", "1.0a1"},
    {"1.0-alpha", "1.0a0"},
    {"1.0-alpha1", "1.0a1"},
    {"1.0A", "1.0a0"},
    {"1.0.A", "1.0a0"},
    {"1.0.A1", "1.0a1"},
    {"1.0-A", "1.0a0"},
    {"1.0-A1", "1.0a1"},
    {"1.0ALPHA", "1.0a0"},
    {"1.0.ALPHA", "1.0a0"},
    {"1.0.ALPHA1", "1.0a1"},
    {"1.0-ALPHA", "1.0a0"},
    {"1.0-ALPHA1", "1.0a1"},
    {"1.0b", "1.0b0"},
    {"1.0.b", "1.0b0"},
    {"1.0.b1", "1.0b1"},
    {"1.0-b", "1.0b0"},
    {"1.0-b1", "1.0b1"},
    {"1.0beta", "1.0b0"},
    {"1.0.beta", "1.0b0"},
    {"1.0.beta1", "1.0b1"},
    {"1.0-beta", "1.0b0"},
    {"1.0-beta1", "1.0b1"},
    {"1.0B", "1.0b0"},
    {"1.0.B", "1.0b0"},
    {"1.0.B1", "1.0b1"},
    {"1.0-B", "1.0b0"},
    {"1.0-B1", "1.0b1"},
    {"1.0BETA", "1.0b0"},
    {"1.0.BETA", "1.0b0"},
    {"1.0.BETA1", "1.0b1"},
    {"1.0-BETA", "1.0b0"},
    {"1.0-BETA1", "1.0b1"},
    {"1.0c", "1.0rc0"},
    {"1.0.c", "1.0rc0"},
    {"1.0.c1", "1.0rc1"},
    {"1.0-c", "1.0rc0"},
    {"1.0-c1", "1.0rc1"},
    {"1.0rc", "1.0rc0"},
    {"1.0.rc", "1.0rc0"},
    {"1.0.rc1", "1.0rc1"},
    {"1.0-rc", "1.0rc0"},
    {"1.0-rc1", "1.0rc1"},
    {"1.0C", "1.0rc0"},
    {"1.0.C", "1.0rc0"},
    {"1.0.C1", "1.0rc1"},
    {"1.0-C", "1.0rc0"},
    {"1.0-C1", "1.0rc1"},
    {"1.0RC", "1.0rc0"},
    {"1.0.RC", "1.0rc0"},
    {"1.0.RC1", "1.0rc1"},
    {"1.0-RC", "1.0rc0"},
    {"1.0-RC1", "1.0rc1"},
    {"1.0pre2", "1.0rc2"},
    {"1.0-preview_3", "1.0rc3"},
    // packaging: post release incarnations.
    {"1.0post", "1.0.post0"},
    {"1.0.post", "1.0.post0"},
    {"1.0post1", "1.0.post1"},
    {"1.0-post", "1.0.post0"},
    {"1.0-post1", "1.0.post1"},
    {"1.0POST", "1.0.post0"},
    {"1.0.POST", "1.0.post0"},
    {"1.0POST1", "1.0.post1"},
    {"1.0r", "1.0.post0"},
    {"1.0rev", "1.0.post0"},
    {"1.0.POST1", "1.0.post1"},
    {"1.0.r1", "1.0.post1"},
    {"1.0.rev1", "1.0.post1"},
    {"1.0-POST", "1.0.post0"},
    {"1.0-POST1", "1.0.post1"},
    {"1.0-5", "1.0.post5"},
    {"1.0-r5", "1.0.post5"},
    {"1.0-rev5", "1.0.post5"},
    // packaging: local labels, integers, epochs, the leading "v", spaces.
    {"1.0+AbC", "1.0+abc"},
    {"1.01", "1.1"},
    {"1.0a05", "1.0a5"},
    {"1.0b07", "1.0b7"},
    {"1.0c056", "1.0rc56"},
    {"1.0rc09", "1.0rc9"},
    {"1.0.post000", "1.0.post0"},
    {"1.1.dev09000", "1.1.dev9000"},
    {"00!1.2", "1.2"},
    {"0100!0.0", "100!0.0"},
    {"   v1.0\t\n", "1.0"},
    // U+202F NARROW NO-BREAK SPACE before, U+2029 PARAGRAPH SEPARATOR after.
    {"\xe2\x80\xaf" "1.0\t\xe2\x80\xa9\n ", "1.0"},
    // packaging: test_version_str_repr (already normal, or epoch 0 dropped).
    {"1.0.dev456", "1.0.dev456"},
    {"1.0a12.dev456", "1.0a12.dev456"},
    {"1.0b2.post345.dev456", "1.0b2.post345.dev456"},
    {"1.0.post456.dev34", "1.0.post456.dev34"},
    {"0!1.0.2", "1.0.2"},
    {"0!1.0.4+8.0", "1.0.4+8.0"},
    {"1.2+1234.abc", "1.2+1234.abc"},
    {"1.2+123abc456", "1.2+123abc456"},
    {"7!1.0a2.dev456", "7!1.0a2.dev456"},
    {"7!1.0b2.post345", "7!1.0b2.post345"},
    {"7!1.0.5+9.5", "7!1.0.5+9.5"},
    // Ours: the worked example of pep440.cc, every part at once, and the
    // spellings the OSV records of the built-in feed use.
    {"V1.0-Preview_2.POST-3+Ubuntu-007", "1.0rc2.post3+ubuntu.7"},
    {"v1!2.3.4.5.6a7.post8.dev9+x_y-z.10", "1!2.3.4.5.6a7.post8.dev9+x.y.z.10"},
    {"0.1.2-1", "0.1.2.post1"},
    {"1.0.0", "1.0.0"},
    {"1.0a-", "1.0a0"},
    {"99999999999999999999999.1", "99999999999999999999999.1"},
};

TEST(Pep440, NormalizesEverySpellingPep440Allows) {
  for (const NormalCase& c : kNormalized) {
    Result<Pep440Version> v = ParsePep440(c.text);
    ASSERT_TRUE(v.has_value()) << c.text << ": " << v.error().message;
    EXPECT_EQ(v->Normalize(), c.normal) << c.text;
    Result<Pep440Version> again = ParsePep440(v->Normalize());
    ASSERT_TRUE(again.has_value()) << c.normal;
    EXPECT_EQ(again->Normalize(), c.normal);
    EXPECT_EQ(Compare(*v, *again), 0) << c.text;
  }
}

struct InvalidCase {
  const char* text;
  const char* why;  // after "\"<text>\" is not a PEP 440 version: "
  // The text as the message shows it, when control characters in it are
  // replaced; nullptr when it is shown as written.
  const char* shown = nullptr;
};

constexpr InvalidCase kInvalid[] = {
    // packaging: test_invalid_versions.
    {"french toast", "expected a release number like \"1.0\""},
    {"1.0+a+", "invalid character \"+\" in the local version label"},
    {"1.0++", "invalid character \"+\" in the local version label"},
    {"1.0+_foobar", "empty segment in the local version label"},
    {"1.0+foo&asd", "invalid character \"&\" in the local version label"},
    {"1.0+1+1", "invalid character \"+\" in the local version label"},
    {"1. 0", "unexpected \". 0\" after \"1\""},
    {"1 .0", "unexpected \" .0\" after \"1\""},
    {"1. 0a1", "unexpected \". 0a1\" after \"1\""},
    {"1 .0a1", "unexpected \" .0a1\" after \"1\""},
    {"1.0 a1", "unexpected \" a1\" after \"1.0\""},
    {"1.0a 1", "unexpected \" 1\" after \"1.0a\""},
    {"\xd9\xa0\xd9\xa1\xd9\xa2.\xd9\xa3", "expected a release number like \"1.0\""},
    {".", "expected a release number like \"1.0\""},
    {"..", "expected a release number like \"1.0\""},
    {"1..0", "unexpected \"..0\" after \"1\""},
    {"1.0.", "unexpected \".\" after \"1.0\""},
    {".1.0", "expected a release number like \"1.0\""},
    {"1..2.3", "unexpected \"..2.3\" after \"1\""},
    {"1.0+\xc4\xb0", "invalid character \"\xc4\xb0\" in the local version label"},
    // PEP 440: the implicit post release needs its number.
    {"1.0-", "unexpected \"-\" after \"1.0\""},
    // Segments out of order, twice, or unknown.
    {"1.0.dev1.post1", "unexpected \".post1\" after \"1.0.dev1\""},
    {"1.0a1b2", "unexpected \"b2\" after \"1.0a1\""},
    {"1.0.post1.post2", "unexpected \".post2\" after \"1.0.post1\""},
    {"1.0-beta.2-x", "unexpected \"-x\" after \"1.0-beta.2\""},
    {"1.0.0-rc.1+build.5_", "empty segment in the local version label"},
    {"1.0+", "empty local version label after \"+\""},
    {"1.0+a..b", "empty segment in the local version label"},
    // Epochs, "v" and spaces in the wrong place.
    {"", "empty"},
    {" \t\n", "empty", " ??"},
    {"v", "expected a release number like \"1.0\" after \"v\""},
    {"1!", "expected a release number like \"1.0\" after \"1!\""},
    {"1!v1.0", "expected a release number like \"1.0\" after \"1!\""},
    {"1!2!3", "unexpected \"!3\" after \"1!2\""},
    {"vv1.0", "expected a release number like \"1.0\" after \"v\""},
    {"-1.0", "expected a release number like \"1.0\""},
    {"latest", "expected a release number like \"1.0\""},
    {"1.x", "unexpected \".x\" after \"1\""},
    {"1.0.0\x1b[31m", "unexpected \"?[31m\" after \"1.0.0\"", "1.0.0?[31m"},
    {"1.0\xe2\x80\x8b", "unexpected \"\xe2\x80\x8b\" after \"1.0\""},  // ZWSP
};

TEST(Pep440, RejectsWhatPep440RejectsAndSaysWhy) {
  for (const InvalidCase& c : kInvalid) {
    Result<Pep440Version> v = ParsePep440(c.text);
    ASSERT_FALSE(v.has_value()) << c.text << " -> " << v->Normalize();
    EXPECT_EQ(v.error().code, ErrorCode::kParse);
    std::string shown = c.shown != nullptr ? c.shown : c.text;
    EXPECT_EQ(v.error().message,
              "\"" + shown + "\" is not a PEP 440 version: " + c.why);
  }
}

TEST(Pep440, CutsLongTextInErrorsAndBoundsItsLength) {
  std::string junk = "1.0" + std::string(500, '~');
  EXPECT_EQ(ParsePep440(junk).error().message,
            "\"1.0" + std::string(61, '~') +
                "...\" is not a PEP 440 version: unexpected \"" +
                std::string(16, '~') + "...\" after \"1.0\"");
  std::string longest(1024, '1');
  EXPECT_TRUE(ParsePep440(longest).has_value());
  std::string too_long = "1" + std::string(1024, '0');
  Result<Pep440Version> v = ParsePep440(too_long);
  ASSERT_FALSE(v.has_value());
  EXPECT_EQ(v.error().code, ErrorCode::kLimit);
  EXPECT_EQ(v.error().message, "\"1" + std::string(63, '0') +
                                   "...\" is not a PEP 440 version: longer "
                                   "than 1024 bytes");
  // The cut never splits a UTF-8 character: byte 64 is inside the 30th "é".
  std::string wide = "1.0+x";
  std::string kept = wide;
  for (int i = 0; i < 40; ++i) wide += "\xc3\xa9";
  for (int i = 0; i < 29; ++i) kept += "\xc3\xa9";
  std::string message = ParsePep440(wide).error().message;
  EXPECT_EQ(message.rfind("\"" + kept + "...\" is not", 0), 0u) << message;
}

TEST(Pep440, ReadsEveryTruncationOfAVersionWithoutHarm) {
  const std::string full = "v1!2.0-Preview_3.post-4.DEV5+Ubuntu-1.x_y";
  int parsed = 0;
  for (std::size_t n = 0; n <= full.size(); ++n) {
    std::string prefix = full.substr(0, n);
    Result<Pep440Version> v = ParsePep440(prefix);
    if (!v) {
      EXPECT_EQ(v.error().code, ErrorCode::kParse) << prefix;
      continue;
    }
    ++parsed;
    EXPECT_EQ(Compare(*ParsePep440(v->Normalize()), *v), 0) << prefix;
  }
  // 21 of the 43 prefixes are versions ("v1", "v1!2", ..., "v1!2.0-Pre",
  // "v1!2.0-Preview_", ...), the same 21 that packaging accepts.
  EXPECT_EQ(parsed, 21);
  // Near the length bound: 512 release numbers, "1.0.0...0.1", above "1"
  // while its prefix "1.0.0...0" equals "1".
  std::string many = "1";
  for (int i = 0; i < 510; ++i) many += ".0";
  many += ".1";
  ASSERT_EQ(many.size(), 1023u);
  Result<Pep440Version> big = ParsePep440(many);
  ASSERT_TRUE(big.has_value());
  EXPECT_EQ(big->release.size(), 512u);
  EXPECT_GT(Compare(*big, *ParsePep440("1")), 0);
  EXPECT_EQ(Compare(*ParsePep440(many.substr(0, 1021)), *ParsePep440("1")), 0);
}

// Checks that `chain` is strictly increasing, comparing every pair.
void ExpectIncreasing(const std::vector<std::string>& chain) {
  std::vector<Pep440Version> parsed;
  for (const std::string& s : chain) {
    Result<Pep440Version> v = ParsePep440(s);
    ASSERT_TRUE(v.has_value()) << s << ": " << v.error().message;
    parsed.push_back(std::move(*v));
  }
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    for (std::size_t j = 0; j < parsed.size(); ++j) {
      int want = i < j ? -1 : (i > j ? 1 : 0);
      EXPECT_EQ(Compare(parsed[i], parsed[j]), want)
          << chain[i] << " vs " << chain[j];
    }
  }
}

TEST(Pep440, OrdersThePackagingCorpus) {
  // pypa/packaging tests/test_version.py VERSIONS, "in the correct sorting
  // order", both epochs.
  std::vector<std::string> base = {
      "1.0.dev0", "1.0.dev456", "1.0.dev456+local", "1.0a0",
      "1.0a0.post0.dev0", "1.0a0.post0", "1.0a1.dev1", "1.0a1.dev1+local",
      "1.0a1", "1.0a1+local", "1.0b0", "1.0b1.dev456", "1.0b2",
      "1.0b2.post345.dev456", "1.0b2.post345", "1.0b2-346", "1.0rc0",
      "1.0rc1.dev1", "1.0c1", "1.0rc2", "1.0", "1.0.post0.dev0",
      "1.0.post0", "1.0.post456.dev34", "1.0.post456", "1.0.post456+local",
      "1.0.1.dev1", "1.0.1a1", "1.0.1", "1.0.1+local", "1.0.1.post1",
      "1.1.dev1", "1.2+a", "1.2+abc", "1.2+abcdef", "1.2+def", "1.2+0",
      "1.2+1", "1.2+1.abc", "1.2+1.1", "1.2+1.1.0", "1.2+2", "1.2+123",
      "1.2+123456", "1.2.r32+123456", "1.2.rev33+123456"};
  std::vector<std::string> chain = base;
  for (const std::string& v : base) chain.push_back("1!" + v);
  ExpectIncreasing(chain);
}

TEST(Pep440, OrdersTheSpecExamples) {
  // "Summary of permitted suffixes and relative ordering".
  ExpectIncreasing({"1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456",
                    "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
                    "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456",
                    "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5",
                    "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1"});
  // "Final releases" and "Version epochs".
  ExpectIncreasing({"0.9", "0.9.1", "0.9.2", "0.9.10", "0.9.11", "1.0",
                    "1.0.1", "1.1", "2.0", "2.0.1"});
  ExpectIncreasing({"1.0", "1.1", "2.0", "2013.10", "2014.04"});
  ExpectIncreasing({"2013.10", "2014.04", "1!1.0", "1!1.1", "1!2.0"});
  // "Examples of compliant version schemes".
  ExpectIncreasing({"0.9", "1.0.dev1", "1.0.dev2", "1.0.dev3", "1.0.dev4",
                    "1.0c1", "1.0c2", "1.0", "1.0.post1", "1.1.dev1"});
}

TEST(Pep440, ComparesEqualAcrossSpellingsAndZeroPadding) {
  const std::vector<std::vector<std::string>> same = {
      {"1.0", "1.0.0", "1.0.0.0", "1", "v1.0", "0!1.0", "01.00"},
      {"1.0rc1", "1.0c1", "1.0pre1", "1.0preview1", "1.0-RC-1"},
      {"1.0.post1", "1.0-1", "1.0r1", "1.0rev1", "1.0.0-post.1"},
      {"1.0+ubuntu.1", "1.0+ubuntu-1", "1.0+Ubuntu_1", "1.0.0+ubuntu.01"},
      {"2.0a0", "2.0a", "2.0alpha", "2.0.0-ALPHA.0"},
  };
  for (const auto& group : same) {
    Pep440Version first = *ParsePep440(group[0]);
    for (const std::string& s : group) {
      Result<Pep440Version> v = ParsePep440(s);
      ASSERT_TRUE(v.has_value()) << s;
      EXPECT_EQ(Compare(first, *v), 0) << group[0] << " vs " << s;
    }
  }
  EXPECT_NE(Compare(*ParsePep440("1.0"), *ParsePep440("1.0+0")), 0);
  EXPECT_NE(Compare(*ParsePep440("1.0"), *ParsePep440("1.0.post0")), 0);
  EXPECT_NE(Compare(*ParsePep440("1.0"), *ParsePep440("1.0a0")), 0);
}

TEST(Pep440, ComparesNumbersPast64Bits) {
  Pep440Version max = *ParsePep440("1.18446744073709551615");
  Pep440Version big = *ParsePep440("1.18446744073709551616");  // 2^64
  Pep440Version bigger = *ParsePep440("1.0099999999999999999999999999");
  EXPECT_LT(Compare(max, big), 0);
  EXPECT_LT(Compare(big, bigger), 0);
  EXPECT_LT(Compare(*ParsePep440("18446744073709551616!0"),
                    *ParsePep440("18446744073709551617!0")),
            0);
  EXPECT_LT(Compare(*ParsePep440("1.0+99999999999999999999"),
                    *ParsePep440("1.0+100000000000000000000")),
            0);
}

TEST(Pep440, KeepsTheParts) {
  Pep440Version v = *ParsePep440("v2!1.02.0C3.post4.dev5+Ab.06");
  EXPECT_EQ(v.epoch, "2");
  EXPECT_EQ(v.release, (std::vector<std::string>{"1", "2", "0"}));
  ASSERT_TRUE(v.pre.has_value());
  EXPECT_EQ(v.pre->phase, Pep440Version::Phase::kCandidate);
  EXPECT_EQ(v.pre->number, "3");
  EXPECT_EQ(v.post, "4");
  EXPECT_EQ(v.dev, "5");
  EXPECT_EQ(v.local, (std::vector<std::string>{"ab", "6"}));
  Pep440Version plain = *ParsePep440("3");
  EXPECT_EQ(plain.epoch, "0");
  EXPECT_FALSE(plain.pre || plain.post || plain.dev);
  EXPECT_TRUE(plain.local.empty());
}

}  // namespace
}  // namespace chainward::advisory
