#include "chart/internal/text.h"

#include <array>
#include <cstdlib>

namespace vka::chart::internal {
namespace {

struct Entry {
  Msg msg;
  const char* en;
  const char* hy;
  const char* ru;
};

// Armenian follows its own punctuation: "։" ends a sentence, "." (միջակետ)
// joins two clauses where English has a colon or a semicolon, "՝" sets off
// an apposition. In Armenian and Russian a count is given after a colon
// ("… արարքներ՝ 5", "… деяний: 5"), which needs no plural forms; English
// does the same.
constexpr Entry kMessages[] = {
    {Msg::kTitleTimelineDay, "Documented acts per day, by type",
     "Փաստագրված արարքներն ըստ օրերի և տեսակների", "Задокументированные деяния по дням и видам"},
    {Msg::kTitleTimelineWeek, "Documented acts per week, by type",
     "Փաստագրված արարքներն ըստ շաբաթների և տեսակների",
     "Задокументированные деяния по неделям и видам"},
    {Msg::kTitleTimelineMonth, "Documented acts per month, by type",
     "Փաստագրված արարքներն ըստ ամիսների և տեսակների",
     "Задокументированные деяния по месяцам и видам"},
    {Msg::kTitleTimelineYear, "Documented acts per year, by type",
     "Փաստագրված արարքներն ըստ տարիների և տեսակների",
     "Задокументированные деяния по годам и видам"},
    {Msg::kTitlePlaces, "Documented acts by place and type",
     "Փաստագրված արարքներն ըստ վայրերի և տեսակների",
     "Задокументированные деяния по местам и видам"},
    {Msg::kTitleCalendar, "Calendar of documented acts per day",
     "Փաստագրված արարքների օրացույցը՝ ըստ օրերի", "Календарь задокументированных деяний по дням"},
    {Msg::kTitleVictims, "Documented victims by age and sex",
     "Փաստագրված տուժածներն ըստ տարիքի և սեռի", "Задокументированные жертвы по возрасту и полу"},
    {Msg::kTitleMap, "Places of documented acts", "Փաստագրված արարքների վայրերը",
     "Места задокументированных деяний"},
    {Msg::kTitleEstimate, "Documented and estimated totals (multiple systems estimation)",
     "Փաստագրված և գնահատված ընդհանուր թվերը (գնահատում մի քանի ցուցակների համադրմամբ)",
     "Задокументированное и оценённое общее число (оценка по пересечению нескольких списков)"},
    {Msg::kActsCount, "documented acts: {n}", "փաստագրված արարքներ՝ {n}",
     "задокументированных деяний: {n}"},
    {Msg::kAxisActs, "Acts", "Արարքներ", "Деяния"},
    {Msg::kAxisDay, "Day", "Օր", "День"},
    {Msg::kAxisWeek, "Week (from Monday)", "Շաբաթ (երկուշաբթիից)", "Неделя (с понедельника)"},
    {Msg::kAxisMonth, "Month", "Ամիս", "Месяц"},
    {Msg::kAxisYear, "Year", "Տարի", "Год"},
    {Msg::kAxisVictims, "Victims (distinct identified persons)",
     "Տուժածներ (տարբեր նույնականացված անձինք)", "Жертвы (разные установленные лица)"},
    {Msg::kAxisAge, "Age at the time of the act", "Տարիքն արարքի պահին",
     "Возраст на момент деяния"},
    {Msg::kAxisPeople, "Number of people", "Մարդկանց թիվը", "Число людей"},
    {Msg::kAxisLatitude, "Latitude", "Լայնություն", "Широта"},
    {Msg::kAxisLongitude, "Longitude", "Երկայնություն", "Долгота"},
    {Msg::kOtherTypes, "Other types", "Այլ տեսակներ", "Другие виды"},
    {Msg::kOtherPlaces, "Other places ({n})", "Այլ վայրեր ({n})", "Другие места ({n})"},
    {Msg::kPlaceNotRecorded, "Place not recorded", "Վայրը նշված չէ", "Место не указано"},
    {Msg::kTypeNotRecorded, "Type not recorded", "Տեսակը նշված չէ", "Вид не указан"},
    {Msg::kAgeUnknown, "Age unknown", "Տարիքն անհայտ է", "Возраст неизвестен"},
    {Msg::kSexUnknown, "Sex unknown or not recorded", "Սեռն անհայտ է կամ նշված չէ",
     "Пол неизвестен или не указан"},
    {Msg::kCaveatLowerBounds,
     "Documented counts are lower bounds, not totals: every list misses people, and misses some "
     "kinds of people more than others.",
     "Փաստագրված թվերը ստորին սահմաններ են, ոչ թե ընդհանուր թվեր. յուրաքանչյուր ցուցակ բաց է "
     "թողնում մարդկանց, ընդ որում որոշ խմբերի՝ ավելի հաճախ, քան մյուսներին։",
     "Задокументированные числа — нижние границы, а не итоги: любой список пропускает людей, "
     "причём одних чаще, чем других."},
    {Msg::kCaveatPatterns,
     "Patterns of documented acts can reflect who was documented as much as what happened.",
     "Փաստագրված արարքների օրինաչափությունները կարող են արտացոլել ոչ միայն կատարվածը, այլև այն, "
     "թե ում մասին է հաջողվել փաստագրել։",
     "Закономерности задокументированных деяний могут отражать не только происходившее, но и то, "
     "кого удалось задокументировать."},
    {Msg::kCaveatModel,
     "Each estimate depends on its model's assumptions (how the lists depend on each other, a "
     "closed population, correct record linkage); different models can give different answers.",
     "Յուրաքանչյուր գնահատական կախված է իր մոդելի ենթադրություններից (ցուցակների "
     "փոխկախվածություն, փակ բնակչություն, գրառումների ճիշտ կապակցում). տարբեր մոդելներ կարող են "
     "տարբեր պատասխաններ տալ։",
     "Каждая оценка зависит от допущений своей модели (зависимость списков друг от друга, "
     "замкнутая совокупность, верное связывание записей); разные модели могут давать разные "
     "ответы."},
    {Msg::kNotShownDates,
     "Not shown: acts with an approximate or ranged date ({ranged}) and undated acts ({undated}).",
     "Ցույց տրված չեն մոտավոր կամ միջակայքով ամսաթվով արարքները ({ranged}) և առանց ամսաթվի "
     "արարքները ({undated})։",
     "Не показаны деяния с приблизительной или интервальной датой ({ranged}) и без даты "
     "({undated})."},
    {Msg::kNotShownNoPerson,
     "Not shown: acts that name no identified person ({acts}; unidentified victims: {victims}).",
     "Ցույց տրված չեն նույնականացված անձ չնշող արարքները՝ {acts} (չնույնականացված "
     "տուժածներ՝ {victims})։",
     "Не показаны деяния без установленного лица ({acts}; неустановленных жертв: {victims})."},
    {Msg::kNoActs, "The situation has no documented acts: nothing to draw.",
     "Իրավիճակում փաստագրված արարքներ չկան. պատկերելու բան չկա։",
     "В ситуации нет задокументированных деяний — изображать нечего."},
    {Msg::kNoDatedActs, "No act is dated to a single day: nothing to draw.",
     "Ոչ մի արարք մեկ օրվա ճշտությամբ թվագրված չէ. պատկերելու բան չկա։",
     "Ни одно деяние не датировано точным днём — изображать нечего."},
    {Msg::kNoVictims, "No act names an identified person: nothing to draw.",
     "Ոչ մի արարքում նույնականացված անձ նշված չէ. պատկերելու բան չկա։",
     "Ни в одном деянии не указано установленное лицо — изображать нечего."},
    {Msg::kNoCoordinates,
     "No place of these acts has coordinates: nothing to map. Add coordinates (lat, lon) to the "
     "places, or to the places that contain them.",
     "Այս արարքների վայրերից ոչ մեկը կոորդինատներ չունի. քարտեզի վրա ցույց տալու բան չկա։ "
     "Ավելացրեք կոորդինատներ (lat, lon) վայրերին կամ դրանք ընդգրկող վայրերին։",
     "Ни у одного места этих деяний нет координат — наносить на карту нечего. Добавьте "
     "координаты (lat, lon) местам или объемлющим их местам."},
    {Msg::kMapCoverage, "Acts at places with coordinates: {mapped} of {acts}.",
     "{acts} արարքից {mapped}-ը կոորդինատներ ունեցող վայրերում են։",
     "Деяний в местах с координатами: {mapped} из {acts}."},
    {Msg::kMapHollow,
     "Hollow circles: the coordinates of an enclosing place (the act's own place has none).",
     "Դատարկ շրջաններ՝ ընդգրկող վայրի կոորդինատները (արարքի վայրը կոորդինատներ չունի)։",
     "Полые круги — координаты объемлющего места (у самого места деяния их нет)."},
    {Msg::kMapArea, "The area of a circle is proportional to its number of acts.",
     "Շրջանի մակերեսը համեմատական է արարքների թվին։",
     "Площадь круга пропорциональна числу деяний."},
    {Msg::kMapProjection, "Equirectangular projection scaled at the mean latitude; no base map.",
     "Հավասարահեռ գլանային պրոյեկցիա՝ միջին լայնության մասշտաբով, առանց հիմքային քարտեզի։",
     "Равнопромежуточная цилиндрическая проекция с масштабом по средней широте; без подложки."},
    {Msg::kKilometres, "{n} km", "{n} կմ", "{n} км"},
    {Msg::kPerDayLegend, "Acts per day", "Արարքներ օրական", "Деяний в день"},
    {Msg::kNone, "none", "չկա", "нет"},
    {Msg::kCalendarTruncated, "Only the first {years} years are shown.",
     "Ցույց են տրված միայն առաջին {years} տարիները։",
     "Показаны только первые {years} лет."},  // kMaxCalendarYears takes "лет"
    {Msg::kDocumented, "Documented", "Փաստագրված", "Задокументировано"},
    {Msg::kEstimatedTotal, "Estimated total", "Գնահատված ընդհանուր թիվ", "Оценка общего числа"},
    {Msg::kUndocumented, "Estimated undocumented", "Գնահատված չփաստագրված",
     "Оценка незадокументированных"},
    {Msg::kInterval, "{level}% interval", "{level}% միջակայք", "интервал {level}%"},
    {Msg::kLoglinear, "Log-linear model", "Լոգ-գծային մոդել", "Лог-линейная модель"},
    {Msg::kLcmcr, "Latent class model (LCMCR)", "Թաքնված դասերի մոդել (LCMCR)",
     "Модель латентных классов (LCMCR)"},
    {Msg::kNoEstimate, "no estimate (see vka estimate)", "գնահատական չկա (տե՛ս vka estimate)",
     "оценки нет (см. vka estimate)"},
    {Msg::kUnbounded, "unbounded", "անսահմանափակ", "не ограничен"},
    {Msg::kLists, "Lists: {lists}", "Ցուցակներ՝ {lists}", "Списки: {lists}"},
    {Msg::kTotal, "Total", "Ընդամենը", "Всего"},
    {Msg::kStratum, "Stratum {name}", "Շերտ՝ {name}", "Страта {name}"},
};
constexpr bool InEnumOrder() {
  for (size_t i = 0; i < std::size(kMessages); ++i) {
    if (kMessages[i].msg != static_cast<Msg>(i)) return false;
  }
  return std::size(kMessages) == static_cast<size_t>(Msg::kCount);
}
static_assert(InEnumOrder(), "every Msg needs an entry, in enum order");

// CLDR's abbreviated month and short weekday names.
constexpr std::array<std::array<const char*, 12>, 3> kMonths = {{
    {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
    {"հնվ", "փտվ", "մրտ", "ապր", "մյս", "հնս", "հլս", "օգս", "սեպ", "հոկ", "նոյ", "դեկ"},
    {"янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.", "нояб.",
     "дек."},
}};
constexpr std::array<std::array<const char*, 7>, 3> kWeekdays = {{
    {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},
    {"երկ", "երք", "չրք", "հնգ", "ուր", "շբթ", "կիր"},
    {"пн", "вт", "ср", "чт", "пт", "сб", "вс"},
}};

constexpr char kNoBreakSpace[] = "\u00a0";
constexpr int kGroupDigits = 3;

size_t LanguageIndex(Language language) { return static_cast<size_t>(language); }

}  // namespace

const char* Tr(Msg msg, Language language) {
  const Entry& e = kMessages[static_cast<size_t>(msg)];
  switch (language) {
    case Language::kHy:
      return e.hy;
    case Language::kRu:
      return e.ru;
    case Language::kEn:
      break;
  }
  return e.en;
}

std::string Subst(std::string_view text,
                  std::initializer_list<std::pair<std::string_view, std::string>> values) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find('{', pos);
    const size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    const std::string_view name = text.substr(open + 1, close - open - 1);
    const std::string* value = nullptr;
    for (const auto& [k, v] : values) {
      if (k == name) value = &v;
    }
    out.append(value != nullptr ? std::string_view(*value) : text.substr(open, close - open + 1));
    pos = close + 1;
  }
  out.append(text.substr(std::min(pos, text.size())));
  return out;
}

std::string TrFormat(Msg msg, Language language,
                     std::initializer_list<std::pair<std::string_view, std::string>> values) {
  return Subst(Tr(msg, language), values);
}

const char* MonthAbbrev(int month, Language language) {
  return kMonths[LanguageIndex(language)][static_cast<size_t>(month - 1)];
}

const char* WeekdayAbbrev(int weekday, Language language) {
  return kWeekdays[LanguageIndex(language)][static_cast<size_t>(weekday)];
}

std::string FormatCount(int64_t n, Language language) {
  const std::string digits = std::to_string(std::llabs(static_cast<long long>(n)));
  const std::string separator = language == Language::kEn ? "," : kNoBreakSpace;
  std::string out = n < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % kGroupDigits == 0) out += separator;
    out += digits[i];
  }
  return out;
}

std::string TermLabel(const model::VocabularySet* vocab, std::string_view vocabulary,
                      std::string_view code, Language language) {
  const model::Vocabulary* v = vocab == nullptr ? nullptr : vocab->Find(vocabulary);
  const model::Term* term = v == nullptr ? nullptr : v->Find(code);
  if (term == nullptr) return std::string(code);
  switch (language) {
    case Language::kHy:
      return term->hy;
    case Language::kRu:
      return term->ru;
    case Language::kEn:
      break;
  }
  return term->en;
}

std::string PlaceLabel(const SituationData& data, const std::string& place_id, Language language) {
  auto it = data.place_names.find(place_id);
  if (it == data.place_names.end()) return place_id;
  const PlaceNames& n = it->second;
  const std::string& local = language == Language::kHy   ? n.hy
                             : language == Language::kRu ? n.ru
                                                         : n.en;
  if (!local.empty()) return local;
  return n.en.empty() ? place_id : n.en;
}

}  // namespace vka::chart::internal
