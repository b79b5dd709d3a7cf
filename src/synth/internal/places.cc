#include "synth/internal/places.h"

namespace vka::synth::internal {
namespace {

constexpr PlaceName kCity = {"Orvelan", "Օրվելան", "Орвелан"};
constexpr PlaceName kProvince = {"Lowland Province", "Հարթավայրային նահանգ",
                                 "Равнинная провинция"};

constexpr PlaceName kDistricts[] = {
    {"Old Town", "Հին քաղաք", "Старый город"},
    {"Station District", "Կայարանի թաղամաս", "Вокзальный район"},
    {"Harbour District", "Նավահանգստի թաղամաս", "Портовый район"},
    {"Upper Quarter", "Վերին թաղամաս", "Нагорный район"},
    {"Garden Quarter", "Այգիների թաղամաս", "Садовый район"},
    {"Textile Workers' Settlement", "Մանածագործների ավան",
     "Посёлок текстильщиков"},
    {"Eighth Microdistrict", "Ութերորդ միկրոշրջան", "Восьмой микрорайон"},
    {"Mill District", "Ջրաղացի թաղամաս", "Мельничный район"},
    {"Brickworks Settlement", "Աղյուսի գործարանի ավան",
     "Посёлок кирпичного завода"},
    {"Riverside District", "Գետափնյա թաղամաս", "Приречный район"},
};

constexpr PlaceName kStreets[] = {
    {"Poplar Street", "Բարդու փողոց", "Тополиная улица"},
    {"Orchard Lane", "Այգու նրբանցք", "Садовый переулок"},
    {"Bakers' Street", "Հացթուխների փողոց", "Пекарская улица"},
    {"Spring Street", "Աղբյուրի փողոց", "Родниковая улица"},
    {"School Street", "Դպրոցական փողոց", "Школьная улица"},
    {"Bridge Street", "Կամրջի փողոց", "Мостовая улица"},
    {"Cherry Street", "Բալենու փողոց", "Вишнёвая улица"},
    {"Weavers' Street", "Ջուլհակների փողոց", "Ткацкая улица"},
    {"Market Street", "Շուկայի փողոց", "Рыночная улица"},
    {"Linden Street", "Լորենու փողոց", "Липовая улица"},
    {"Quarry Street", "Քարհանքի փողոց", "Карьерная улица"},
    {"Tram Street", "Տրամվայի փողոց", "Трамвайная улица"},
};

constexpr PlaceName kDestinations[] = {
    {"Northern Transit Camp", "Հյուսիսային տարանցիկ ճամբար",
     "Северный транзитный лагерь"},
    {"Harbour Ferry Terminal", "Լաստանավային կայան", "Паромный терминал"},
    {"Airfield Evacuation Point", "Օդանավակայանի տարհանման կետ",
     "Эвакуационный пункт аэродрома"},
    {"Nor Orvelan", "Նոր Օրվելան", "Нор-Орвелан"},
    {"Hillside Resettlement Village", "Բլրալանջի վերաբնակեցման գյուղ",
     "Посёлок переселенцев на склоне"},
};

}  // namespace

const PlaceName &CityName() { return kCity; }
const PlaceName &ProvinceName() { return kProvince; }
std::span<const PlaceName> DistrictNames() { return kDistricts; }
std::span<const PlaceName> StreetNames() { return kStreets; }
std::span<const PlaceName> DestinationNames() { return kDestinations; }

}  // namespace vka::synth::internal
