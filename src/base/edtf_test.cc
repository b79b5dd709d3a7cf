#include "base/edtf.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"

namespace vka::base {
namespace {

DayNumber D(int64_t year, unsigned month, unsigned day) {
  return DaysFromCivil(year, month, day);
}

EdtfDate ParseOk(std::string_view text) {
  Result<EdtfDate> result = EdtfDate::Parse(text);
  EXPECT_TRUE(result.ok()) << "\"" << text
                           << "\": " << result.status().ToString();
  return result.ok() ? *result : EdtfDate();
}

// Succeeds when text is rejected with kInvalidArgument and a message that
// contains needle.
testing::AssertionResult RejectedWith(std::string_view text,
                                      std::string_view needle) {
  Result<EdtfDate> result = EdtfDate::Parse(text);
  if (result.ok()) {
    return testing::AssertionFailure() << "\"" << text << "\" was accepted";
  }
  if (result.status().code() != StatusCode::kInvalidArgument) {
    return testing::AssertionFailure() << result.status().ToString();
  }
  if (result.status().message().find(needle) == std::string::npos) {
    return testing::AssertionFailure()
           << "message \"" << result.status().message() << "\" lacks \""
           << needle << "\"";
  }
  return testing::AssertionSuccess();
}

void ExpectRange(std::string_view text, DayNumber earliest, DayNumber latest) {
  EdtfDate date = ParseOk(text);
  EXPECT_EQ(date.earliest(), earliest) << text;
  EXPECT_EQ(date.latest(), latest) << text;
}

TEST(Edtf, DaysFromCivilMatchesKnownDays) {
  EXPECT_EQ(D(1970, 1, 1), 0);
  EXPECT_EQ(D(1969, 12, 31), -1);
  EXPECT_EQ(D(2000, 1, 1), 10957);
  EXPECT_EQ(D(2000, 3, 1), 11017);
  EXPECT_EQ(D(0, 3, 1), -719468);
  EXPECT_EQ(D(0, 1, 1), -719528);
  EXPECT_EQ(D(-1, 12, 31), -719529);
}

TEST(Edtf, DaysFromCivilCountsLeapYearsProleptically) {
  EXPECT_EQ(D(1900, 3, 1) - D(1900, 2, 28), 1);  // 1900 is not leap
  EXPECT_EQ(D(2000, 3, 1) - D(2000, 2, 28), 2);  // 2000 is leap
  EXPECT_EQ(D(2004, 3, 1) - D(2004, 2, 28), 2);
  EXPECT_EQ(D(-4, 3, 1) - D(-4, 2, 28), 2);
  EXPECT_EQ(D(2001, 1, 1) - D(2000, 1, 1), 366);
  EXPECT_EQ(D(1901, 1, 1) - D(1900, 1, 1), 365);
  EXPECT_EQ(D(2400, 1, 1) - D(2000, 1, 1), 146097);
}

TEST(Edtf, ParsesCalendarDatesAtEachPrecision) {
  ExpectRange("1990", D(1990, 1, 1), D(1990, 12, 31));
  ExpectRange("1990-02", D(1990, 2, 1), D(1990, 2, 28));
  ExpectRange("1992-02", D(1992, 2, 1), D(1992, 2, 29));
  ExpectRange("1990-01-13", D(1990, 1, 13), D(1990, 1, 13));
  ExpectRange("0000", D(0, 1, 1), D(0, 12, 31));
  ExpectRange("9999-12-31", D(9999, 12, 31), D(9999, 12, 31));
  EdtfDate date = ParseOk("1990-01-13");
  EXPECT_EQ(date.text(), "1990-01-13");
  EXPECT_FALSE(date.is_interval());
  EXPECT_FALSE(date.start_open());
  EXPECT_FALSE(date.end_open());
  EXPECT_FALSE(date.uncertain());
  EXPECT_FALSE(date.approximate());
}

TEST(Edtf, ParsesNegativeYears) {
  ExpectRange("-0044", D(-44, 1, 1), D(-44, 12, 31));
  ExpectRange("-0044-03-15", D(-44, 3, 15), D(-44, 3, 15));
  ExpectRange("-0004-02-29", D(-4, 2, 29), D(-4, 2, 29));
  ExpectRange("-004X", D(-49, 1, 1), D(-40, 12, 31));
  EXPECT_TRUE(RejectedWith("-0000", "year -0000 is invalid"));
  EXPECT_TRUE(RejectedWith("-0001-02-29", "day 29 does not exist in -0001-02"));
  EXPECT_TRUE(RejectedWith("--1990", "expected a 4-digit year at offset 1"));
}

TEST(Edtf, ParsesLongYears) {
  ExpectRange("Y170000002", D(170000002, 1, 1), D(170000002, 12, 31));
  ExpectRange("Y-170000002", D(-170000002, 1, 1), D(-170000002, 12, 31));
  ExpectRange("Y10000", D(10000, 1, 1), D(10000, 12, 31));
  ExpectRange("Y999999999999999", D(999999999999999, 1, 1),
              D(999999999999999, 12, 31));
  EXPECT_TRUE(ParseOk("Y170000002?").uncertain());
}

TEST(Edtf, RejectsMalformedLongYears) {
  EXPECT_TRUE(RejectedWith("Y1990", "long year Y1990 needs more than 4"));
  EXPECT_TRUE(RejectedWith("Y01234", "no leading zero"));
  EXPECT_TRUE(RejectedWith("Y", "long year Y needs more than 4 digits"));
  EXPECT_TRUE(RejectedWith("Y1234567890123456", "more than 15 digits"));
  EXPECT_TRUE(RejectedWith("Y170000002-01", "cannot have a month"));
  EXPECT_TRUE(RejectedWith("Y1700000X", "offset 8"));
  EXPECT_TRUE(RejectedWith("17000", "year 17000 has more than 4 digits"));
  EXPECT_TRUE(RejectedWith("199", "expected a 4-digit year at offset 3"));
}

TEST(Edtf, QualifiersSetFlagsWithoutWideningRange) {
  EdtfDate uncertain = ParseOk("1990-01-13?");
  EXPECT_TRUE(uncertain.uncertain());
  EXPECT_FALSE(uncertain.approximate());
  EXPECT_EQ(uncertain.earliest(), D(1990, 1, 13));
  EXPECT_EQ(uncertain.latest(), D(1990, 1, 13));
  EdtfDate approximate = ParseOk("1990-01~");
  EXPECT_FALSE(approximate.uncertain());
  EXPECT_TRUE(approximate.approximate());
  EXPECT_EQ(approximate.earliest(), D(1990, 1, 1));
  EXPECT_EQ(approximate.latest(), D(1990, 1, 31));
  EdtfDate both = ParseOk("1990%");
  EXPECT_TRUE(both.uncertain());
  EXPECT_TRUE(both.approximate());
  EXPECT_EQ(both.earliest(), D(1990, 1, 1));
}

TEST(Edtf, RejectsMisplacedQualifiers) {
  EXPECT_TRUE(RejectedWith("1990??", "expected end of date at offset 5"));
  EXPECT_TRUE(RejectedWith("1990?-01", "found '-'"));
  EXPECT_TRUE(RejectedWith("?1990", "expected a 4-digit year at offset 0"));
  EXPECT_TRUE(RejectedWith("1990-01-13T10:00:00?", "found '?'"));
}

TEST(Edtf, UnspecifiedYearDigitsWidenRange) {
  ExpectRange("199X", D(1990, 1, 1), D(1999, 12, 31));
  ExpectRange("19XX", D(1900, 1, 1), D(1999, 12, 31));
  ExpectRange("XXXX", D(0, 1, 1), D(9999, 12, 31));
  ExpectRange("199X-02-29", D(1992, 2, 29), D(1996, 2, 29));
  ExpectRange("19XX-02", D(1900, 2, 1), D(1999, 2, 28));
  EXPECT_TRUE(RejectedWith("1X90", "X in year 1X90 must be the rightmost"));
}

TEST(Edtf, UnspecifiedMonthDigitsWidenRange) {
  ExpectRange("1990-XX", D(1990, 1, 1), D(1990, 12, 31));
  ExpectRange("1990-1X", D(1990, 10, 1), D(1990, 12, 31));
  ExpectRange("1990-0X", D(1990, 1, 1), D(1990, 9, 30));
  ExpectRange("1990-1X-05", D(1990, 10, 5), D(1990, 12, 5));
  ExpectRange("1990-XX-31", D(1990, 1, 31), D(1990, 12, 31));
  ExpectRange("1990-XX-XX", D(1990, 1, 1), D(1990, 12, 31));
  EXPECT_TRUE(RejectedWith("1990-2X", "month 2X out of range"));
  EXPECT_TRUE(RejectedWith("1990-X1", "X in month X1 must be the rightmost"));
}

TEST(Edtf, UnspecifiedDayDigitsWidenRange) {
  ExpectRange("1990-01-1X", D(1990, 1, 10), D(1990, 1, 19));
  ExpectRange("1990-01-0X", D(1990, 1, 1), D(1990, 1, 9));
  ExpectRange("1990-01-3X", D(1990, 1, 30), D(1990, 1, 31));
  ExpectRange("1990-04-3X", D(1990, 4, 30), D(1990, 4, 30));
  ExpectRange("1990-02-2X", D(1990, 2, 20), D(1990, 2, 28));
  ExpectRange("2000-02-XX", D(2000, 2, 1), D(2000, 2, 29));
  ExpectRange("1900-02-XX", D(1900, 2, 1), D(1900, 2, 28));
  EXPECT_TRUE(RejectedWith("1990-02-3X", "day 3X does not exist in 1990-02"));
  EXPECT_TRUE(RejectedWith("1990-01-4X", "day 4X out of range"));
  EXPECT_TRUE(RejectedWith("1990-01-X3", "X in day X3 must be the rightmost"));
}

TEST(Edtf, AcceptsLowerCaseXAndNormalisesIt) {
  EdtfDate date = ParseOk("19xx-1x-xx");
  EXPECT_EQ(date.text(), "19XX-1X-XX");
  EXPECT_EQ(date.earliest(), D(1900, 10, 1));
  EXPECT_EQ(date.latest(), D(1999, 12, 31));
  EXPECT_EQ(date, ParseOk("19XX-1X-XX"));
}

TEST(Edtf, ValidatesDayOfMonthWithLeapYears) {
  ExpectRange("2000-02-29", D(2000, 2, 29), D(2000, 2, 29));
  ExpectRange("2004-02-29", D(2004, 2, 29), D(2004, 2, 29));
  EXPECT_TRUE(RejectedWith("1900-02-29", "day 29 does not exist in 1900-02"));
  EXPECT_TRUE(RejectedWith("2001-02-29", "day 29 does not exist in 2001-02"));
  EXPECT_TRUE(RejectedWith("1990-04-31", "day 31 does not exist in 1990-04"));
  EXPECT_TRUE(RejectedWith("1990-01-32", "day 32 out of range"));
  EXPECT_TRUE(RejectedWith("1990-01-00", "day 00 out of range"));
}

TEST(Edtf, ErrorMessagesQuoteInputAndNameTheField) {
  Result<EdtfDate> day = EdtfDate::Parse("1990-02-30");
  ASSERT_FALSE(day.ok());
  EXPECT_EQ(day.status().message(),
            "invalid EDTF date \"1990-02-30\": day 30 does not exist in "
            "1990-02");
  Result<EdtfDate> month = EdtfDate::Parse("1990-13");
  ASSERT_FALSE(month.ok());
  EXPECT_EQ(month.status().message(),
            "invalid EDTF date \"1990-13\": month 13 out of range");
  EXPECT_TRUE(RejectedWith("1990-00", "month 00 out of range"));
  EXPECT_TRUE(RejectedWith("1990-1", "expected a 2-digit month at offset 6"));
  EXPECT_TRUE(RejectedWith("1990-123", "expected a 2-digit month at offset 7"));
  EXPECT_TRUE(RejectedWith("1990-01-", "expected a 2-digit day at offset 8"));
}

TEST(Edtf, ParsesSeasons) {
  ExpectRange("1990-21", D(1990, 3, 1), D(1990, 5, 31));
  ExpectRange("1990-22", D(1990, 6, 1), D(1990, 8, 31));
  ExpectRange("1990-23", D(1990, 9, 1), D(1990, 11, 30));
  ExpectRange("1990-24", D(1990, 12, 1), D(1991, 2, 28));
  ExpectRange("2003-24", D(2003, 12, 1), D(2004, 2, 29));
  ExpectRange("199X-22", D(1990, 6, 1), D(1999, 8, 31));
  EXPECT_TRUE(ParseOk("1990-21~").approximate());
  EXPECT_TRUE(RejectedWith("1990-25", "month 25 out of range"));
  EXPECT_TRUE(RejectedWith("1990-20", "month 20 out of range"));
  EXPECT_TRUE(RejectedWith("1990-21-01", "season 21 cannot have a day"));
}

TEST(Edtf, AcceptsTimesAndComparesByDay) {
  for (std::string_view text :
       {"1990-01-13T10:00:00", "1990-01-13T23:59:59Z",
        "1990-01-13T10:00:00+05:30", "1990-01-13T00:00:00-08",
        "1990-01-13T10:00:00-00:00"}) {
    EdtfDate date = ParseOk(text);
    EXPECT_EQ(date.text(), text);
    EXPECT_EQ(date.earliest(), D(1990, 1, 13)) << text;
    EXPECT_EQ(date.latest(), D(1990, 1, 13)) << text;
  }
}

TEST(Edtf, RejectsMalformedTimes) {
  EXPECT_TRUE(RejectedWith("1990-01-13T24:00:00", "hour 24 out of range"));
  EXPECT_TRUE(RejectedWith("1990-01-13T10:60:00", "minute 60 out of range"));
  EXPECT_TRUE(RejectedWith("1990-01-13T10:00:60", "second 60 out of range"));
  EXPECT_TRUE(RejectedWith("1990-01-13T10:00", "expected ':' at offset 16"));
  EXPECT_TRUE(RejectedWith("1990-01-13T1:00:00", "2-digit hour at offset 12"));
  EXPECT_TRUE(RejectedWith("1990-01-13T10:00:00+25", "time-zone hour 25"));
  EXPECT_TRUE(RejectedWith("1990-01-13T10:00:00+05:61", "time-zone minute"));
  EXPECT_TRUE(RejectedWith("1990-01-13T10:00:00z", "found 'z'"));
  EXPECT_TRUE(RejectedWith("1990-01-13t10:00:00", "found 't'"));
  EXPECT_TRUE(RejectedWith("1990-01T10:00:00", "needs a complete date"));
  EXPECT_TRUE(RejectedWith("1990-01-1XT10:00:00", "needs a complete date"));
  EXPECT_TRUE(RejectedWith("1990-01-13T10:00:00/1990-01-14",
                           "not allowed in an interval"));
}

TEST(Edtf, ParsesClosedIntervals) {
  EdtfDate date = ParseOk("1990-01-13/1990-01-19");
  EXPECT_TRUE(date.is_interval());
  EXPECT_FALSE(date.start_open());
  EXPECT_FALSE(date.end_open());
  EXPECT_EQ(date.earliest(), D(1990, 1, 13));
  EXPECT_EQ(date.latest(), D(1990, 1, 19));
  ExpectRange("1990/1991-06", D(1990, 1, 1), D(1991, 6, 30));
  ExpectRange("1990/1990", D(1990, 1, 1), D(1990, 12, 31));
  ExpectRange("1990-21/1990-24", D(1990, 3, 1), D(1991, 2, 28));
  ExpectRange("199X/1991", D(1990, 1, 1), D(1991, 12, 31));
  ExpectRange("-0044/Y10000", D(-44, 1, 1), D(10000, 12, 31));
}

TEST(Edtf, IntervalQualifiersComeFromEitherEnd) {
  EdtfDate start = ParseOk("1984?/2004");
  EXPECT_TRUE(start.uncertain());
  EXPECT_FALSE(start.approximate());
  EdtfDate end = ParseOk("1984/2004~");
  EXPECT_FALSE(end.uncertain());
  EXPECT_TRUE(end.approximate());
  EdtfDate plain = ParseOk("1984/2004");
  EXPECT_FALSE(plain.uncertain());
  EXPECT_FALSE(plain.approximate());
}

TEST(Edtf, ParsesOpenAndUnknownEnds) {
  for (std::string_view text : {"1990-01-13/..", "1990-01-13/"}) {
    EdtfDate date = ParseOk(text);
    EXPECT_TRUE(date.is_interval());
    EXPECT_FALSE(date.start_open());
    EXPECT_TRUE(date.end_open());
    EXPECT_EQ(date.earliest(), D(1990, 1, 13));
    EXPECT_EQ(date.latest(), EdtfDate::kMaxDay);
  }
  for (std::string_view text : {"../1990-01-19", "/1990-01-19"}) {
    EdtfDate date = ParseOk(text);
    EXPECT_TRUE(date.start_open());
    EXPECT_FALSE(date.end_open());
    EXPECT_EQ(date.earliest(), EdtfDate::kMinDay);
    EXPECT_EQ(date.latest(), D(1990, 1, 19));
  }
}

TEST(Edtf, RejectsMalformedIntervals) {
  EXPECT_TRUE(RejectedWith("/", "an interval needs at least one date"));
  EXPECT_TRUE(RejectedWith("../..", "an interval needs at least one date"));
  EXPECT_TRUE(RejectedWith("../", "an interval needs at least one date"));
  EXPECT_TRUE(RejectedWith("1990/1991/1992", "second '/' at offset 9"));
  EXPECT_TRUE(RejectedWith(".../1990", "4-digit year at offset 0"));
  EXPECT_TRUE(RejectedWith("1990/1990-13", "month 13 out of range"));
  EXPECT_TRUE(RejectedWith("1990 /1991", "found ' '"));
  EXPECT_TRUE(
      RejectedWith("1991/1990", "interval start 1991 is after its end 1990"));
  EXPECT_TRUE(RejectedWith("1990-01-20/1990-01-19", "is after its end"));
}

TEST(Edtf, TrimsSurroundingWhitespace) {
  EdtfDate date = ParseOk(" \t1990-01-13\r\n");
  EXPECT_EQ(date.text(), "1990-01-13");
  EXPECT_EQ(date, ParseOk("1990-01-13"));
  EXPECT_TRUE(RejectedWith("1990 -01", "found ' '"));
}

TEST(Edtf, RejectsBadInput) {
  EXPECT_TRUE(RejectedWith("", "empty"));
  EXPECT_TRUE(RejectedWith("   \n", "empty"));
  EXPECT_TRUE(
      RejectedWith("1990-01-13abc", "expected end of date at offset 10"));
  EXPECT_TRUE(RejectedWith("1990-01-13\x01", "found byte 0x01"));
  EXPECT_TRUE(
      RejectedWith("1990-01-1\xC3\xA9", "non-ASCII byte 0xC3 at offset 9"));
  EXPECT_TRUE(RejectedWith("abcd", "expected a 4-digit year at offset 0"));
  EXPECT_TRUE(RejectedWith("1990-01-13 1990", "expected end of date"));
}

TEST(Edtf, LimitsInputTo64Bytes) {
  const std::string padded = std::string(60, ' ') + "1990";
  ASSERT_EQ(padded.size(), 64u);
  EXPECT_EQ(ParseOk(padded).text(), "1990");
  EXPECT_TRUE(
      RejectedWith(" " + padded, "65 bytes, more than the limit of 64"));
}

TEST(Edtf, SortsByEarliestThenLatestThenText) {
  std::vector<EdtfDate> dates = {
      ParseOk("1991"),    ParseOk("1990"),
      ParseOk("1990-01"), ParseOk("1990-01-13"),
      ParseOk("../1989"), ParseOk("1990-01?"),
      ParseOk("1989/.."), ParseOk("1990-01-13T10:00:00")};
  std::sort(dates.begin(), dates.end());
  std::vector<std::string> texts;
  for (const EdtfDate& date : dates) texts.push_back(date.text());
  EXPECT_EQ(texts, (std::vector<std::string>{"../1989", "1989/..", "1990-01",
                                             "1990-01?", "1990", "1990-01-13",
                                             "1990-01-13T10:00:00", "1991"}));
  EXPECT_FALSE(ParseOk("1990") < ParseOk("1990"));
}

TEST(Edtf, OverlapsWhenRangesShareADay) {
  EdtfDate year = ParseOk("1990");
  EXPECT_TRUE(year.Overlaps(ParseOk("1990-06-15")));
  EXPECT_TRUE(ParseOk("1990-06-15").Overlaps(year));
  EXPECT_TRUE(year.Overlaps(ParseOk("1990-12-31/1991")));
  EXPECT_FALSE(year.Overlaps(ParseOk("1991-01-01/1992")));
  EXPECT_FALSE(ParseOk("1991").Overlaps(year));
  EXPECT_TRUE(year.Overlaps(ParseOk("../1990-01-01")));
  EXPECT_FALSE(year.Overlaps(ParseOk("../1989-12-31")));
  EXPECT_TRUE(ParseOk("2000/..").Overlaps(ParseOk("Y170000002")));
  EXPECT_TRUE(ParseOk("199X").Overlaps(ParseOk("1999-12-31")));
  EXPECT_TRUE(year.Overlaps(year));
}

TEST(Edtf, EqualityComparesText) {
  EXPECT_EQ(ParseOk("1990"), ParseOk(" 1990 "));
  EXPECT_FALSE(ParseOk("1990") == ParseOk("1990?"));
  EXPECT_FALSE(ParseOk("1990/") == ParseOk("1990/.."));
}

TEST(Edtf, NormalisedTextReparsesToTheSameValue) {
  for (std::string_view text :
       {"1990", " 19xx ", "1990-01-13?", "-0044~", "Y-170000002", "1990-xx-1x%",
        "1990-24", "1990-01-13T10:00:00+05:30", "../1990", "1990-01-13/",
        "\t199x/2000-21 ", "/1990-01-19"}) {
    EdtfDate first = ParseOk(text);
    EdtfDate second = ParseOk(first.text());
    EXPECT_EQ(second.text(), first.text());
    EXPECT_EQ(second.earliest(), first.earliest()) << text;
    EXPECT_EQ(second.latest(), first.latest()) << text;
    EXPECT_EQ(second.uncertain(), first.uncertain()) << text;
    EXPECT_EQ(second.approximate(), first.approximate()) << text;
    EXPECT_EQ(second.is_interval(), first.is_interval()) << text;
  }
}

}  // namespace
}  // namespace vka::base
