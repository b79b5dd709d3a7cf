#include "base/json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "base/utf8.h"

namespace vka::base {
namespace {

// SAX handler that builds a Json value and refuses duplicate keys and deep
// nesting. nlohmann's own DOM parser silently keeps the last duplicate.
class StrictBuilder {
 public:
  explicit StrictBuilder(size_t max_depth) : max_depth_(max_depth) {}

  bool null() { return Put(Json(nullptr)); }
  bool boolean(bool v) { return Put(Json(v)); }
  bool number_integer(Json::number_integer_t v) { return Put(Json(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return Put(Json(v)); }
  bool number_float(Json::number_float_t v, const std::string&) {
    if (!std::isfinite(v)) return Fail("number out of range");
    return Put(Json(v));
  }
  bool string(std::string& v) { return Put(Json(std::move(v))); }
  bool binary(Json::binary_t&) { return Fail("binary values are not JSON"); }
  bool start_object(std::size_t) { return Open(Json::object()); }
  bool end_object() { return Close(); }
  bool start_array(std::size_t) { return Open(Json::array()); }
  bool end_array() { return Close(); }
  bool key(std::string& k) {
    pending_key_ = std::move(k);
    return true;
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) {
    // nlohmann quotes the bytes it last read, which may end inside a
    // multi-byte character.
    error_ = "at byte " + std::to_string(position) + ": " + SanitizeUtf8(Clean(ex.what()));
    return false;
  }

  Json TakeRoot() { return std::move(root_); }
  const std::string& error() const { return error_; }

 private:
  static std::string Clean(std::string what) {
    // "[json.exception.parse_error.101] parse error at line 1, column 2: x"
    auto pos = what.find(": ");
    if (pos != std::string::npos) what = what.substr(pos + 2);
    return what;
  }
  bool Fail(std::string message) {
    error_ = std::move(message);
    return false;
  }
  bool Put(Json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return true;
    }
    Json& top = *stack_.back();
    if (top.is_array()) {
      top.push_back(std::move(value));
      return true;
    }
    return Insert(top, std::move(value)) != nullptr;
  }
  // Adds pending_key_ to an object; nullptr (and the error) for a duplicate.
  Json* Insert(Json& object, Json value) {
    auto [it, inserted] =
        object.get_ref<Json::object_t&>().emplace(std::move(pending_key_), std::move(value));
    if (!inserted) {
      Fail("duplicate key \"" + it->first + "\"");
      return nullptr;
    }
    return &it->second;
  }
  bool Open(Json container) {
    if (stack_.size() >= max_depth_) {
      return Fail("nesting deeper than " + std::to_string(max_depth_));
    }
    Json* slot;
    if (stack_.empty()) {
      root_ = std::move(container);
      slot = &root_;
    } else if (stack_.back()->is_array()) {
      stack_.back()->push_back(std::move(container));
      slot = &stack_.back()->back();
    } else {
      slot = Insert(*stack_.back(), std::move(container));
      if (slot == nullptr) return false;
    }
    stack_.push_back(slot);
    return true;
  }
  bool Close() {
    stack_.pop_back();
    return true;
  }

  size_t max_depth_;
  Json root_;
  std::vector<Json*> stack_;
  std::string pending_key_;
  std::string error_;
};

bool NeedsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

void AppendEscaped(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t run_start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!NeedsEscape(c)) continue;
    out.append(s, run_start, i - run_start);  // the safe run before c
    run_start = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xf]);
    }
  }
  out.append(s, run_start, s.size() - run_start);
  out.push_back('"');
}

// RFC 8785 §3.2.3: members sorted by their names as UTF-16 code units.
// UTF-8 byte order equals code point order, which equals UTF-16 order except
// between supplementary characters (4-byte sequences, lead byte >= 0xF0) and
// U+E000..U+FFFF (lead bytes 0xEE, 0xEF): only then convert.
bool MayOrderDifferently(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0xEE) return true;
  }
  return false;
}

bool Utf16Less(const std::string& a, const std::string& b) {
  if (!MayOrderDifferently(a) || !MayOrderDifferently(b)) return a < b;
  return Utf16Units(a) < Utf16Units(b);
}

Status AppendCanonical(const Json& v, std::string& out) {
  switch (v.type()) {
    case Json::value_t::null: out += "null"; return OkStatus();
    case Json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; return OkStatus();
    case Json::value_t::number_integer: {
      auto i = v.get<int64_t>();
      constexpr int64_t kSafe = int64_t{1} << 53;
      if (i > kSafe || i < -kSafe) {
        out += FormatEcmaNumber(static_cast<double>(i));
      } else {
        out += std::to_string(i);
      }
      return OkStatus();
    }
    case Json::value_t::number_unsigned: {
      auto u = v.get<uint64_t>();
      if (u > (uint64_t{1} << 53)) {
        out += FormatEcmaNumber(static_cast<double>(u));
      } else {
        out += std::to_string(u);
      }
      return OkStatus();
    }
    case Json::value_t::number_float: {
      double d = v.get<double>();
      if (!std::isfinite(d)) return InvalidArgumentError("non-finite number");
      out += FormatEcmaNumber(d);
      return OkStatus();
    }
    case Json::value_t::string: {
      const auto& s = v.get_ref<const std::string&>();
      if (!IsValidUtf8(s)) return InvalidArgumentError("string is not valid UTF-8");
      AppendEscaped(s, out);
      return OkStatus();
    }
    case Json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& item : v) {
        if (!first) out.push_back(',');
        first = false;
        VKA_RETURN_IF_ERROR(AppendCanonical(item, out));
      }
      out.push_back(']');
      return OkStatus();
    }
    case Json::value_t::object: {
      // Json keeps members in byte order, which is the canonical order
      // unless a name may order differently as UTF-16: sort only then.
      std::vector<std::pair<const std::string*, const Json*>> members;
      members.reserve(v.size());
      bool resort = false;
      for (auto it = v.begin(); it != v.end(); ++it) {
        members.emplace_back(&it.key(), &it.value());
        resort = resort || MayOrderDifferently(it.key());
      }
      if (resort) {
        std::sort(members.begin(), members.end(),
                  [](const auto& a, const auto& b) { return Utf16Less(*a.first, *b.first); });
      }
      out.push_back('{');
      bool first = true;
      for (const auto& [k, value] : members) {
        if (!first) out.push_back(',');
        first = false;
        if (!IsValidUtf8(*k)) return InvalidArgumentError("key is not valid UTF-8");
        AppendEscaped(*k, out);
        out.push_back(':');
        VKA_RETURN_IF_ERROR(AppendCanonical(*value, out));
      }
      out.push_back('}');
      return OkStatus();
    }
    case Json::value_t::binary:
    case Json::value_t::discarded:
      return InvalidArgumentError("value has no JSON form");
  }
  return InternalError("unhandled JSON type");
}

}  // namespace

Result<Json> ParseJsonStrict(std::string_view text, JsonLimits limits) {
  if (text.size() > limits.max_bytes) {
    return InvalidArgumentError("JSON text of " + std::to_string(text.size()) +
                                " bytes is over the limit of " +
                                std::to_string(limits.max_bytes));
  }
  StrictBuilder builder(limits.max_depth);
  bool ok = Json::sax_parse(text.begin(), text.end(), &builder,
                            Json::input_format_t::json, /*strict=*/true,
                            /*ignore_comments=*/false);
  if (!ok) {
    // The lexer rejects ill-formed UTF-8 too, but says less about where.
    if (size_t bad = FirstInvalidUtf8(text); bad != text.size()) {
      return InvalidArgumentError("invalid UTF-8 at byte " + std::to_string(bad));
    }
    return InvalidArgumentError(builder.error());
  }
  return builder.TakeRoot();
}

Result<std::string> CanonicalJson(const Json& value) {
  std::string out;
  VKA_RETURN_IF_ERROR(AppendCanonical(value, out));
  return out;
}

std::string FormatEcmaNumber(double value) {
  if (value == 0) return "0";  // also -0
  std::string out;
  if (value < 0) {
    out.push_back('-');
    value = -value;
  }
  // Shortest round-trip digits in scientific form: d[.ddd]e[+-]x.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::scientific);
  std::string_view sci(buf, res.ptr - buf);
  auto e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') digits.push_back(c);
  }
  int exp10 = 0;
  std::from_chars(sci.data() + e_pos + 1 + (sci[e_pos + 1] == '+' ? 1 : 0),
                  sci.data() + sci.size(), exp10);
  const int k = static_cast<int>(digits.size());
  const int n = exp10 + 1;  // value = 0.digits * 10^n
  if (k <= n && n <= 21) {
    out += digits;
    out.append(n - k, '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, n);
    out.push_back('.');
    out += digits.substr(n);
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(-n, '0');
    out += digits;
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out += digits.substr(1);
    }
    out.push_back('e');
    out.push_back(n - 1 >= 0 ? '+' : '-');
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

namespace {

// SAX handler for VisitJsonLeaves: keeps the key path of the current value.
class LeafVisitor : public nlohmann::json_sax<Json> {
 public:
  explicit LeafVisitor(
      const std::function<void(std::string_view, std::string_view)>& fn)
      : fn_(fn) {}

  bool null() override { return Done(); }
  bool boolean(bool v) override { return Leaf(v ? "true" : "false"); }
  bool number_integer(number_integer_t v) override { return Leaf(std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return Leaf(std::to_string(v)); }
  bool number_float(number_float_t, const string_t& text) override { return Leaf(text); }
  bool string(string_t& v) override { return Leaf(v); }
  bool binary(binary_t&) override { return Done(); }
  bool start_object(std::size_t) override {
    frames_.push_back({path_.size(), false});
    return true;
  }
  bool key(string_t& k) override {
    path_.resize(frames_.back().path_size);
    if (!path_.empty()) path_ += '.';
    path_ += k;
    return true;
  }
  bool end_object() override {
    frames_.pop_back();
    return Done();
  }
  bool start_array(std::size_t) override {
    frames_.push_back({path_.size(), true});
    return true;
  }
  bool end_array() override {
    frames_.pop_back();
    return Done();
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& e) override {
    error_ = "byte " + std::to_string(position) + ": " + e.what();
    return false;
  }
  const std::string& error() const { return error_; }

 private:
  struct Frame {
    size_t path_size;  // length of the path of the container itself
    bool array;
  };
  bool Leaf(std::string_view value) {
    fn_(path_, value);
    return Done();
  }
  // After a value: an object member's key is dropped; an array keeps its path.
  bool Done() {
    if (!frames_.empty() && !frames_.back().array) path_.resize(frames_.back().path_size);
    return true;
  }

  const std::function<void(std::string_view, std::string_view)>& fn_;
  std::string path_;
  std::vector<Frame> frames_;
  std::string error_;
};

}  // namespace

Status VisitJsonLeaves(std::string_view text,
                       const std::function<void(std::string_view, std::string_view)>& fn) {
  LeafVisitor visitor(fn);
  if (!Json::sax_parse(text.begin(), text.end(), &visitor)) {
    return InvalidArgumentError("invalid JSON at " + visitor.error());
  }
  return OkStatus();
}

}  // namespace vka::base
