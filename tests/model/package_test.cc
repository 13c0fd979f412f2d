#include "model/package.h"

#include <gtest/gtest.h>

#include "model/finding.h"

namespace chainward::model {
namespace {

TEST(Purl, EncodesScopesAndVersions) {
  EXPECT_EQ(Purl(Ecosystem::kNpm, "axios", "1.14.1"), "pkg:npm/axios@1.14.1");
  EXPECT_EQ(Purl(Ecosystem::kNpm, "@ctrl/tinycolor", "4.1.1"),
            "pkg:npm/%40ctrl/tinycolor@4.1.1");
  EXPECT_EQ(Purl(Ecosystem::kNpm, "a", "1.0.0+build.1"),
            "pkg:npm/a@1.0.0%2Bbuild.1");
  EXPECT_EQ(Purl(Ecosystem::kNpm, "left-pad", ""), "pkg:npm/left-pad");
  EXPECT_EQ(Purl(Ecosystem::kPyPI, "litellm", "1.82.8"),
            "pkg:pypi/litellm@1.82.8");
}

TEST(Purl, WritesPyPINamesInTheSpecsCanonicalForm) {
  // The purl spec's pypi type: lower case, underscores as dashes; the
  // version keeps its own spelling (a local version's "+" is encoded).
  EXPECT_EQ(Purl(Ecosystem::kPyPI, "Django_Rest_Framework", "3.15.2"),
            "pkg:pypi/django-rest-framework@3.15.2");
  EXPECT_EQ(Purl(Ecosystem::kPyPI, "zope.interface", "7.2"), "pkg:pypi/zope.interface@7.2");
  EXPECT_EQ(Purl(Ecosystem::kPyPI, "torch", "2.5.1+cpu"), "pkg:pypi/torch@2.5.1%2Bcpu");
}

TEST(Severity, ParsesNamesCaseInsensitively) {
  EXPECT_EQ(ParseSeverity("HIGH"), Severity::kHigh);
  EXPECT_EQ(ParseSeverity("critical"), Severity::kCritical);
  EXPECT_FALSE(ParseSeverity("severe").has_value());
  EXPECT_EQ(SeverityName(Severity::kMedium), "medium");
}

}  // namespace
}  // namespace chainward::model
