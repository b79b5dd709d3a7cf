#include "chart/chart.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <regex>

#include "chart/internal/canvas.h"
#include "chart/internal/layout.h"
#include "chart/internal/series.h"
#include "testing/run_command.h"
#include "testing/scoped_temp_dir.h"

namespace vka::chart {
namespace {

using internal::Color;
using internal::Rgb;

constexpr Color kBlue = Rgb(0x0072b2);  // the first series; male; map points
constexpr Color kFemale = Rgb(0xd55e00);
constexpr Color kZeroDay = Rgb(0xebedf0);

base::DayNumber Day(int64_t y, unsigned m, unsigned d) { return base::DaysFromCivil(y, m, d); }

stats::PatternAct Act(const std::string& id, const std::string& type, base::DayNumber day,
                      const std::string& place, const std::string& victim) {
  stats::PatternAct a;
  a.id = id;
  a.type = type;
  a.place = place;
  a.victim = victim;
  a.has_date = true;
  a.earliest = a.latest = day;
  return a;
}

stats::PatternPerson Person(const std::string& id, const std::string& sex, int64_t birth_year) {
  stats::PatternPerson p;
  p.id = id;
  p.sex = sex;
  p.has_birth = true;
  p.birth_earliest = Day(birth_year, 1, 1);
  p.birth_latest = Day(birth_year, 12, 31);
  return p;
}

// Ten acts over four days (one day without acts between), two places with
// coordinates and one within them without, three persons; plus one ranged
// and one undated act.
SituationData Sample() {
  SituationData d;
  d.name = "SYNTHETIC test situation";
  auto& in = d.input;
  in.places = {{"plc_a", "", stats::Coordinates{39.81, 46.75}},
               {"plc_b", "", stats::Coordinates{39.83, 46.77}},
               {"plc_c", "plc_a", std::nullopt}};
  d.place_names = {{"plc_a", {"North Street", "Հյուսիսային փողոց", "Северная улица"}},
                   {"plc_b", {"South Street", "", ""}}};
  in.persons = {Person("per_1", "female", 1960), Person("per_2", "male", 1980),
                Person("per_3", "female", 2000)};
  in.acts = {Act("a1", "killing", Day(1992, 2, 25), "plc_a", "per_1"),
             Act("a2", "killing", Day(1992, 2, 25), "plc_b", "per_2"),
             Act("a3", "beating", Day(1992, 2, 26), "plc_a", "per_3"),
             Act("a4", "looting", Day(1992, 2, 26), "plc_c", ""),
             Act("a5", "killing", Day(1992, 2, 28), "plc_c", "per_3"),
             Act("a6", "beating", Day(1992, 2, 28), "plc_b", "per_1"),
             Act("a7", "torture", Day(1992, 2, 28), "plc_a", "per_2"),
             Act("a8", "killing", Day(1992, 2, 28), "", "per_1"),
             Act("a9", "looting", Day(1992, 2, 25), "plc_a", ""),
             Act("a10", "beating", Day(1992, 2, 26), "plc_b", "per_2")};
  in.acts[3].victim_count = 3;
  stats::PatternAct ranged = Act("a11", "killing", Day(1992, 2, 1), "plc_a", "per_1");
  ranged.latest = Day(1992, 2, 29);
  in.acts.push_back(ranged);
  stats::PatternAct undated = Act("a12", "killing", 0, "plc_a", "per_2");
  undated.has_date = false;
  in.acts.push_back(undated);
  return d;
}

// cairo writes colours as percentages with "%f", trailing zeros dropped.
std::string Percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%f", v * 100);
  std::string s = buf;
  s.erase(s.find_last_not_of('0') + 1);
  if (s.back() == '.') s.pop_back();
  return s + "%";
}

std::string CairoRgb(Color c) {
  return "rgb(" + Percent(c.r) + "," + Percent(c.g) + "," + Percent(c.b) + ")";
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1))
    ++n;
  return n;
}

// Shapes filled (or ringed) with the colour.
size_t Fills(const std::string& svg, Color c) { return Count(svg, "fill:" + CairoRgb(c) + ";"); }
size_t Strokes(const std::string& svg, Color c) {
  return Count(svg, "stroke:" + CairoRgb(c) + ";");
}

// A simple well-formedness check: an XML declaration, an <svg> root, and
// every element closed in order (cairo writes no '>' inside attributes).
::testing::AssertionResult WellFormedSvg(const std::string& svg) {
  if (svg.rfind("<?xml", 0) != 0) return ::testing::AssertionFailure() << "no XML declaration";
  std::vector<std::string> open;
  size_t pos = svg.find("?>");
  while ((pos = svg.find('<', pos)) != std::string::npos) {
    const size_t end = svg.find('>', pos);
    if (end == std::string::npos)
      return ::testing::AssertionFailure() << "unterminated tag at " << pos;
    const std::string tag = svg.substr(pos + 1, end - pos - 1);
    const bool closing = tag.front() == '/';
    const std::string name =
        tag.substr(closing ? 1 : 0, tag.find_first_of(" \n/", 1) - (closing ? 1 : 0));
    if (closing) {
      if (open.empty() || open.back() != name) {
        return ::testing::AssertionFailure()
               << "</" << name << "> closes " << (open.empty() ? "nothing" : open.back());
      }
      open.pop_back();
    } else if (tag.back() != '/') {
      if (open.empty() && name != "svg") return ::testing::AssertionFailure() << "root is " << name;
      open.push_back(name);
    }
    pos = end;
  }
  if (!open.empty()) return ::testing::AssertionFailure() << "<" << open.back() << "> never closed";
  return ::testing::AssertionSuccess();
}

// The text of a PDF (pdftotext), runs of white space as one space.
std::string PdfText(const std::string& pdf) {
  auto dir = testing::ScopedTempDir::Create();
  EXPECT_TRUE(dir.ok());
  const std::string path = dir->Join("chart.pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  return std::regex_replace(testing::RunCommand("pdftotext -enc UTF-8 '" + path + "' -"),
                            std::regex("\\s+"), " ");
}

uint32_t BigEndian(const std::string& bytes, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
  return v;
}

class ChartTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto v = model::VocabularySet::BuiltIn();
    ASSERT_TRUE(v.ok());
    vocab_ = std::move(v).value();
  }

  std::string Render(Kind kind, Format format, Language language = Language::kEn,
                     const SituationData& data = Sample()) {
    auto out = RenderSituationChart(kind, data, {format, language, &vocab_});
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? *out : std::string();
  }

  std::string Svg(Kind kind, const SituationData& data = Sample()) {
    std::string svg = Render(kind, Format::kSvg, Language::kEn, data);
    EXPECT_TRUE(WellFormedSvg(svg));
    return svg;
  }

  std::string Text(Kind kind, Language language = Language::kEn,
                   const SituationData& data = Sample()) {
    return PdfText(Render(kind, Format::kPdf, language, data));
  }

  model::VocabularySet vocab_;
};

TEST(ChartNames, KindsRoundTripAndUnknownIsInvalid) {
  for (Kind k : kAllKinds) EXPECT_EQ(*ParseKind(KindName(k)), k);
  auto bad = ParseKind("pie");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("timeline"), std::string::npos);
}

TEST(ChartNames, FormatComesFromTheExtension) {
  EXPECT_EQ(*FormatForPath("out/chart.svg"), Format::kSvg);
  EXPECT_EQ(*FormatForPath("chart.PDF"), Format::kPdf);
  EXPECT_EQ(*FormatForPath("a.b.png"), Format::kPng);
  for (const char* bad : {"chart", "chart.jpg", "dir.svg/chart", "chart.svg.txt"}) {
    auto f = FormatForPath(bad);
    ASSERT_FALSE(f.ok()) << bad;
    EXPECT_EQ(f.status().code(), base::StatusCode::kInvalidArgument);
    EXPECT_NE(f.status().message().find(bad), std::string::npos);
  }
}

TEST(ChartNames, Languages) {
  EXPECT_EQ(*ParseLanguage("hy"), Language::kHy);
  EXPECT_EQ(std::string(LanguageCode(Language::kRu)), "ru");
  EXPECT_FALSE(ParseLanguage("fr").ok());
}

TEST_F(ChartTest, EverySituationChartIsWellFormedSvgOfTheChartsWidth) {
  for (Kind k : kAllKinds) {
    if (k == Kind::kEstimate) continue;
    const std::string svg = Svg(k);
    EXPECT_NE(svg.find("width=\"960px\""), std::string::npos) << KindName(k);
  }
}

TEST_F(ChartTest, TimelineHasOneSegmentPerDayAndTypeAndALabelledAxis) {
  // killing is the most frequent type (series 0, blue): on 25 and 28 Feb
  // (the ranged and undated killings are not drawn); plus its legend swatch.
  const std::string svg = Svg(Kind::kTimeline);
  EXPECT_EQ(Fills(svg, kBlue), 2u + 1u);
  const std::string text = Text(Kind::kTimeline);
  EXPECT_NE(text.find("Documented acts per day, by type"), std::string::npos) << text;
  EXPECT_NE(text.find("Killing (4)"), std::string::npos) << text;
  EXPECT_NE(text.find("1992-02-27"), std::string::npos) << text;  // a day without acts has its slot
  EXPECT_NE(
      text.find("Not shown: acts with an approximate or ranged date (1) and undated acts (1)."),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("lower bounds, not totals"), std::string::npos);
}

TEST_F(ChartTest, TimelineInArmenianAndRussianUsesTheirWordsAndVocabularyLabels) {
  const std::string hy = Text(Kind::kTimeline, Language::kHy);
  EXPECT_NE(hy.find("Փաստագրված արարքներն ըստ օրերի և տեսակների"), std::string::npos) << hy;
  EXPECT_NE(hy.find("Սպանություն"), std::string::npos) << hy;  // act_type killing
  EXPECT_NE(hy.find("ստորին սահմաններ"), std::string::npos) << hy;
  const std::string ru = Text(Kind::kTimeline, Language::kRu);
  EXPECT_NE(ru.find("Задокументированные деяния по дням и видам"), std::string::npos) << ru;
  EXPECT_NE(ru.find("Убийство"), std::string::npos) << ru;
  EXPECT_NE(ru.find("Деяния"), std::string::npos) << ru;
}

TEST_F(ChartTest, PlacesHasABarPerPlaceNamedInTheLanguage) {
  // Rows: plc_a (5 acts), plc_b (3), plc_c (2), not recorded (1). Killing
  // (blue) is at plc_a, plc_b, plc_c and the unrecorded place.
  const std::string svg = Svg(Kind::kPlaces);
  EXPECT_EQ(Fills(svg, kBlue), 4u + 1u);
  const std::string en = Text(Kind::kPlaces);
  EXPECT_NE(en.find("North Street"), std::string::npos) << en;
  EXPECT_NE(en.find("plc_c"), std::string::npos) << en;  // no name: the id
  EXPECT_NE(en.find("Place not recorded"), std::string::npos) << en;
  const std::string hy = Text(Kind::kPlaces, Language::kHy);
  EXPECT_NE(hy.find("Հյուսիսային փողոց"), std::string::npos) << hy;
  EXPECT_NE(hy.find("South Street"), std::string::npos) << hy;  // no Armenian name: English
}

TEST_F(ChartTest, PlacesGathersTheRestIntoOneRow) {
  SituationData d;
  for (int i = 0; i < 45; ++i) {
    d.input.acts.push_back(
        Act("a" + std::to_string(i), "killing", Day(1992, 1, 1), "plc_" + std::to_string(i), ""));
  }
  const std::string svg = Svg(Kind::kPlaces, d);
  EXPECT_EQ(Fills(svg, kBlue), 40u + 1u + 1u);  // 40 places, other places, legend
  EXPECT_NE(Text(Kind::kPlaces, Language::kEn, d).find("Other places (5)"), std::string::npos);
}

TEST_F(ChartTest, PlacesWithOneNameAreToldApartByTheirParent) {
  SituationData d = Sample();
  d.input.places.push_back({"plc_d", "plc_b", std::nullopt});
  d.place_names["plc_c"] = {"Mill Lane", "", ""};
  d.place_names["plc_d"] = {"Mill Lane", "", ""};
  d.input.acts.push_back(Act("a13", "killing", Day(1992, 2, 25), "plc_d", ""));
  const std::string text = Text(Kind::kPlaces, Language::kEn, d);
  EXPECT_NE(text.find("Mill Lane (North Street)"), std::string::npos) << text;
  EXPECT_NE(text.find("Mill Lane (South Street)"), std::string::npos) << text;
}

TEST_F(ChartTest, CalendarHasACellPerDayOfTheSpan) {
  // 25 to 28 Feb 1992: four cells, one of them (the 27th) empty; the legend
  // adds a swatch for 0.
  const std::string svg = Svg(Kind::kCalendar);
  EXPECT_EQ(Fills(svg, kZeroDay), 1u + 1u);
  const std::string text = Text(Kind::kCalendar, Language::kRu);
  EXPECT_NE(text.find("Календарь задокументированных деяний по дням"), std::string::npos) << text;
  EXPECT_NE(text.find("февр."), std::string::npos) << text;
  EXPECT_NE(text.find("пн"), std::string::npos) << text;
}

TEST_F(ChartTest, CalendarOfSeveralYearsHasABlockPerYear) {
  SituationData d;
  d.input.acts = {Act("a1", "killing", Day(1990, 12, 30), "", ""),
                  Act("a2", "killing", Day(1992, 1, 2), "", "")};
  const std::string svg = Svg(Kind::kCalendar, d);
  // Every day from 30 Dec 1990 to 2 Jan 1992 is a cell: 369 days, 2 with acts.
  EXPECT_EQ(Fills(svg, kZeroDay), 367u + 1u);
  const std::string text = Text(Kind::kCalendar, Language::kEn, d);
  for (const char* year : {"1990", "1991", "1992"}) EXPECT_NE(text.find(year), std::string::npos);
}

TEST_F(ChartTest, VictimsHasABarPerAgeBandAndSex) {
  // Female victims: per_1 (born 1960: 32 at the acts, band 30-44) and per_3
  // (born 2000: the acts predate her birth, so her age is unknown).
  const std::string svg = Svg(Kind::kVictims);
  EXPECT_EQ(Fills(svg, kFemale), 2u + 1u);
  const std::string text = Text(Kind::kVictims);
  EXPECT_NE(text.find("Female (2)"), std::string::npos) << text;
  EXPECT_NE(text.find("Male (1)"), std::string::npos) << text;
  EXPECT_NE(text.find("30–44"), std::string::npos) << text;
  EXPECT_NE(text.find("Age unknown"), std::string::npos) << text;
  EXPECT_NE(
      text.find("Not shown: acts that name no identified person (2; unidentified victims: 3)."),
      std::string::npos)
      << text;
  const std::string hy = Text(Kind::kVictims, Language::kHy);
  EXPECT_NE(hy.find("Իգական"), std::string::npos) << hy;  // sex female
  EXPECT_NE(hy.find("Տուժածներ"), std::string::npos) << hy;
}

TEST_F(ChartTest, MapHasAPointPerPlaceWithCoordinates) {
  // plc_a (its own acts and plc_c's, placed at plc_a) and plc_b; the act
  // without a place is not mapped.
  const std::string svg = Svg(Kind::kMap);
  EXPECT_EQ(Strokes(svg, kBlue), 2u);
  const std::string text = Text(Kind::kMap);
  EXPECT_NE(text.find("Acts at places with coordinates: 11 of 12."), std::string::npos) << text;
  EXPECT_NE(text.find("North Street (8)"), std::string::npos) << text;
  EXPECT_NE(text.find("Latitude"), std::string::npos) << text;
  EXPECT_NE(text.find("km"), std::string::npos) << text;
}

TEST_F(ChartTest, MapWithoutCoordinatesSaysSo) {
  SituationData d = Sample();
  for (auto& p : d.input.places) p.coordinates.reset();
  const std::string svg = Svg(Kind::kMap, d);
  EXPECT_EQ(Strokes(svg, kBlue), 0u);
  const std::string text = Text(Kind::kMap, Language::kEn, d);
  EXPECT_NE(text.find("No place of these acts has coordinates: nothing to map."), std::string::npos)
      << text;
  EXPECT_NE(text.find("coordinates: 0 of 12"), std::string::npos) << text;
  const std::string ru = Text(Kind::kMap, Language::kRu, d);
  EXPECT_NE(ru.find("нет координат"), std::string::npos) << ru;
}

TEST_F(ChartTest, EmptySituationsRenderAMessage) {
  SituationData empty;
  for (Kind k : kAllKinds) {
    if (k == Kind::kEstimate) continue;
    Svg(k, empty);
    EXPECT_NE(Text(k, Language::kEn, empty).find("nothing to draw"), std::string::npos)
        << KindName(k);
  }
  SituationData undated = Sample();
  for (auto& a : undated.input.acts) a.has_date = false;
  EXPECT_NE(Text(Kind::kTimeline, Language::kEn, undated).find("No act is dated to a single day"),
            std::string::npos);
}

TEST_F(ChartTest, PngHasTheSignatureAndTwiceTheSize) {
  const std::string png = Render(Kind::kTimeline, Format::kPng);
  ASSERT_GT(png.size(), 24u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(BigEndian(png, 16), static_cast<uint32_t>(kChartWidth * kPngScale));
  const std::string svg = Svg(Kind::kTimeline);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(svg, m, std::regex("height=\"(\\d+)px\"")));
  EXPECT_EQ(BigEndian(png, 20), static_cast<uint32_t>(std::stoi(m[1]) * kPngScale));
}

TEST_F(ChartTest, EstimateIsNotASituationChart) {
  auto out = RenderSituationChart(Kind::kEstimate, Sample(), {});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), base::StatusCode::kInvalidArgument);
}

stats::MethodResult Method(const std::string& name, double estimate, double lower, double upper) {
  stats::MethodResult m;
  m.method = name;
  m.observed = 1200;
  m.estimable = std::isfinite(estimate);
  m.estimate = estimate;
  m.missing = estimate - 1200;
  m.lower = lower;
  m.upper = upper;
  return m;
}

TEST(EstimateChart, ShowsDocumentedEstimatesAndIntervals) {
  EstimateData data;
  data.context = "overlap.csv";
  data.result.list_names = {"ngo_a", "ngo_b", "press"};
  data.result.totals = {Method("loglinear", 2400, 2100, 2900),
                        Method("lcmcr", 2600, 2200, HUGE_VAL)};
  auto svg = RenderEstimateChart(data, {Format::kSvg, Language::kEn, nullptr});
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  EXPECT_TRUE(WellFormedSvg(*svg));
  // Documented: one bar per row (3) and a legend swatch.
  EXPECT_EQ(Fills(*svg, internal::kDocumentedColor), 3u + 1u);
  auto pdf = RenderEstimateChart(data, {Format::kPdf, Language::kEn, nullptr});
  ASSERT_TRUE(pdf.ok());
  const std::string text = PdfText(*pdf);
  EXPECT_NE(text.find("2,400 [2,100–2,900]"), std::string::npos) << text;
  EXPECT_NE(text.find("2,600 [2,200–unbounded]"), std::string::npos) << text;
  EXPECT_NE(text.find("Latent class model (LCMCR)"), std::string::npos) << text;
  EXPECT_NE(text.find("95% interval"), std::string::npos) << text;
  EXPECT_NE(text.find("Lists: ngo_a, ngo_b, press"), std::string::npos) << text;
  EXPECT_NE(text.find("lower bounds, not totals"), std::string::npos) << text;
}

TEST(EstimateChart, StrataAndMissingEstimates) {
  EstimateData data;
  data.result.list_names = {"a", "b"};
  data.result.stratum_column = "period";
  data.result.totals = {Method("loglinear", 2400, 2100, 2900)};
  stats::MethodResult s1 = Method("loglinear", 900, 800, 1000);
  s1.stratum = "1988";
  stats::MethodResult s2 = Method("loglinear", NAN, NAN, NAN);
  s2.stratum = "1990";
  data.result.strata = {s1, s2};
  auto pdf = RenderEstimateChart(data, {Format::kPdf, Language::kHy, nullptr});
  ASSERT_TRUE(pdf.ok());
  const std::string text = PdfText(*pdf);
  EXPECT_NE(text.find("Շերտ՝ 1988"), std::string::npos) << text;
  EXPECT_NE(text.find("Շերտ՝ 1990"), std::string::npos) << text;
  EXPECT_NE(text.find("գնահատական չկա"), std::string::npos) << text;
  EXPECT_NE(text.find("1 200"), std::string::npos) << text;  // no-break space groups in hy
}

}  // namespace
}  // namespace vka::chart
