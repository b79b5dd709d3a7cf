#pragma once

// Fictional place names (city, districts, streets, destinations) in English,
// Armenian and Russian. None of them names a real place in the events the
// system documents; the districts are generic ("Station District").

#include <span>
#include <string_view>

namespace vka::synth::internal {

struct PlaceName {
  std::string_view en;
  std::string_view hy;
  std::string_view ru;
};

// The fictional city of the demo and the person lists.
const PlaceName &CityName();
// The fictional province the city lies in.
const PlaceName &ProvinceName();
std::span<const PlaceName> DistrictNames();
std::span<const PlaceName> StreetNames();
// Where displaced persons went (fictional camps, a terminal, towns).
std::span<const PlaceName> DestinationNames();

}  // namespace vka::synth::internal
