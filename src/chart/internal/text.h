#pragma once

// The charts' own words in English, Armenian and Russian: titles, axis
// names, notes, month and weekday names, and number formatting. Labels of
// act types and sexes come from the vocabularies (model/vocabulary.h).

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "chart/chart.h"
#include "model/vocabulary.h"

namespace vka::chart::internal {

enum class Msg {
  kTitleTimelineDay,
  kTitleTimelineWeek,
  kTitleTimelineMonth,
  kTitleTimelineYear,
  kTitlePlaces,
  kTitleCalendar,
  kTitleVictims,
  kTitleMap,
  kTitleEstimate,
  kActsCount,  // {n}
  kAxisActs,
  kAxisDay,
  kAxisWeek,
  kAxisMonth,
  kAxisYear,
  kAxisVictims,
  kAxisAge,
  kAxisPeople,
  kAxisLatitude,
  kAxisLongitude,
  kOtherTypes,
  kOtherPlaces,  // {n}
  kPlaceNotRecorded,
  kTypeNotRecorded,
  kAgeUnknown,
  kSexUnknown,
  kCaveatLowerBounds,
  kCaveatPatterns,
  kCaveatModel,
  kNotShownDates,     // {ranged} {undated}
  kNotShownNoPerson,  // {acts} {victims}
  kNoActs,
  kNoDatedActs,
  kNoVictims,
  kNoCoordinates,
  kMapCoverage,  // {mapped} {acts}
  kMapHollow,
  kMapArea,
  kMapProjection,
  kKilometres,  // {n}
  kPerDayLegend,
  kNone,
  kCalendarTruncated,  // {years}
  kDocumented,
  kEstimatedTotal,
  kUndocumented,
  kInterval,  // {level}
  kLoglinear,
  kLcmcr,
  kNoEstimate,
  kUnbounded,
  kLists,  // {lists}
  kTotal,
  kStratum,  // {name}
  kCount,    // not a message: the number of messages
};

// The message in the language. Never null.
const char* Tr(Msg msg, Language language);

// Replaces each "{name}" in text by its value; unknown names stay as they are.
std::string Subst(std::string_view text,
                  std::initializer_list<std::pair<std::string_view, std::string>> values);

// Tr then Subst.
std::string TrFormat(Msg msg, Language language,
                     std::initializer_list<std::pair<std::string_view, std::string>> values);

// REQUIRES: 1 <= month <= 12. "Apr", "ապր", "апр.".
const char* MonthAbbrev(int month, Language language);
// REQUIRES: 0 <= weekday <= 6, Monday first. "Mon", "երկ", "пн".
const char* WeekdayAbbrev(int weekday, Language language);

// 1234567 as "1,234,567" (en) or with no-break spaces "1 234 567" (hy, ru).
std::string FormatCount(int64_t n, Language language);

// The label of `code` in vocabulary `vocabulary` in the language, or the
// code itself when vocab is null or has no such term.
std::string TermLabel(const model::VocabularySet* vocab, std::string_view vocabulary,
                      std::string_view code, Language language);

// The place's name in the language, else its English name, else the id.
std::string PlaceLabel(const SituationData& data, const std::string& place_id, Language language);

}  // namespace vka::chart::internal
