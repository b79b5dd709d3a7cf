#include "claims/leaves.h"

#include <cstring>
#include <string>

namespace vka::claims {
namespace {

constexpr int kMaxDepth = 256;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A recursive-descent scanner over one JSON text. Every method leaves pos_
// after what it read and returns false (with error_ set) on bad syntax.
class Scanner {
 public:
  Scanner(std::string_view text, LeafFn fn) : text_(text), fn_(fn) {}

  base::Status Run() {
    if (!Value(0)) return Error();
    SkipSpace();
    if (pos_ != text_.size()) {
      Fail("trailing content after the JSON value");
      return Error();
    }
    return base::OkStatus();
  }

 private:
  base::Status Error() const {
    return base::InvalidArgumentError("invalid JSON at byte " + std::to_string(pos_) + ": " + error_);
  }
  bool Fail(const char* what) {
    error_ = what;
    return false;
  }
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }
  void SkipSpace() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\n' || Peek() == '\r' || Peek() == '\t')) ++pos_;
  }
  bool Expect(char c, const char* what) {
    SkipSpace();
    if (AtEnd() || Peek() != c) return Fail(what);
    ++pos_;
    return true;
  }

  bool Value(int depth) {
    SkipSpace();
    if (AtEnd()) return Fail("unexpected end of input");
    switch (Peek()) {
      case '{':
        return Object(depth + 1);
      case '[':
        return Array(depth + 1);
      case '"': {
        std::string_view s;
        if (!String(s, value_buffer_)) return false;
        fn_(path_, s);
        return true;
      }
      case 't':
        return Literal("true", true);
      case 'f':
        return Literal("false", true);
      case 'n':
        return Literal("null", false);
      default:
        return Number();
    }
  }

  bool Literal(std::string_view word, bool visit) {
    if (text_.substr(pos_, word.size()) != word) return Fail("invalid literal");
    pos_ += word.size();
    if (visit) fn_(path_, word);
    return true;
  }

  bool Number() {
    size_t start = pos_;
    if (!AtEnd() && Peek() == '-') ++pos_;
    if (AtEnd() || !IsDigit(Peek())) return Fail("expected a value");
    if (Peek() == '0') {
      ++pos_;
    } else {
      while (!AtEnd() && IsDigit(Peek())) ++pos_;
    }
    if (!AtEnd() && Peek() == '.') {
      ++pos_;
      if (AtEnd() || !IsDigit(Peek())) return Fail("expected a digit after the decimal point");
      while (!AtEnd() && IsDigit(Peek())) ++pos_;
    }
    if (!AtEnd() && (Peek() == 'e' || Peek() == 'E')) {
      ++pos_;
      if (!AtEnd() && (Peek() == '+' || Peek() == '-')) ++pos_;
      if (AtEnd() || !IsDigit(Peek())) return Fail("expected a digit in the exponent");
      while (!AtEnd() && IsDigit(Peek())) ++pos_;
    }
    fn_(path_, text_.substr(start, pos_ - start));
    return true;
  }

  // Reads a string at pos_ (the opening quote): a view of the text when it
  // has no escapes, else decoded into buffer.
  bool String(std::string_view& out, std::string& buffer) {
    size_t start = ++pos_;
    if (PlainString(start, out)) return true;
    while (!AtEnd() && Peek() != '"' && Peek() != '\\') {
      if (static_cast<unsigned char>(Peek()) < 0x20) return Fail("control character in a string");
      ++pos_;
    }
    if (AtEnd()) return Fail("unterminated string");
    if (Peek() == '"') {
      out = text_.substr(start, pos_++ - start);
      return true;
    }
    buffer.assign(text_.substr(start, pos_ - start));
    while (true) {
      if (AtEnd()) return Fail("unterminated string");
      char c = text_[pos_++];
      if (c == '"') break;
      if (static_cast<unsigned char>(c) < 0x20) return Fail("control character in a string");
      if (c != '\\') {
        buffer += c;
        continue;
      }
      if (!Escape(buffer)) return false;
    }
    out = buffer;
    return true;
  }

  // The common case, a string without escapes or control characters:
  // found with memchr and a branch-free check (most of the time spent on
  // stored bodies is in their strings).
  bool PlainString(size_t start, std::string_view& out) {
    const char* base = text_.data();
    const void* quote = std::memchr(base + start, '"', text_.size() - start);
    if (quote == nullptr) return false;
    const size_t end = static_cast<size_t>(static_cast<const char*>(quote) - base);
    bool plain = true;
    for (size_t idx = start; idx < end; ++idx) {
      const auto c = static_cast<unsigned char>(base[idx]);
      plain &= (c != '\\') & (c >= 0x20);
    }
    if (!plain) return false;
    out = text_.substr(start, end - start);
    pos_ = end + 1;
    return true;
  }

  bool Escape(std::string& buffer) {
    if (AtEnd()) return Fail("unterminated string");
    switch (text_[pos_++]) {
      case '"': buffer += '"'; return true;
      case '\\': buffer += '\\'; return true;
      case '/': buffer += '/'; return true;
      case 'b': buffer += '\b'; return true;
      case 'f': buffer += '\f'; return true;
      case 'n': buffer += '\n'; return true;
      case 'r': buffer += '\r'; return true;
      case 't': buffer += '\t'; return true;
      case 'u': break;
      default: return Fail("invalid escape in a string");
    }
    uint32_t cp = 0;
    if (!Hex4(cp)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      uint32_t low = 0;
      if (text_.substr(pos_, 2) != "\\u") return Fail("unpaired surrogate in a string");
      pos_ += 2;
      if (!Hex4(low)) return false;
      if (low < 0xDC00 || low > 0xDFFF) return Fail("unpaired surrogate in a string");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return Fail("unpaired surrogate in a string");
    }
    AppendUtf8(buffer, cp);
    return true;
  }

  bool Hex4(uint32_t& out) {
    if (text_.size() - pos_ < 4) return Fail("truncated \\u escape");
    for (int digit = 0; digit < 4; ++digit) {
      int v = HexValue(text_[pos_++]);
      if (v < 0) return Fail("invalid \\u escape");
      out = out * 16 + static_cast<uint32_t>(v);
    }
    return true;
  }

  bool Object(int depth) {
    if (depth > kMaxDepth) return Fail("nesting too deep");
    ++pos_;
    SkipSpace();
    if (!AtEnd() && Peek() == '}') {
      ++pos_;
      return true;
    }
    const size_t own = path_.size();
    while (true) {
      SkipSpace();
      if (AtEnd() || Peek() != '"') return Fail("expected an object key");
      std::string_view key;
      if (!String(key, key_buffer_)) return false;
      path_.resize(own);
      if (own != 0) path_ += '.';
      path_ += key;
      if (!Expect(':', "expected ':' after an object key")) return false;
      if (!Value(depth)) return false;
      path_.resize(own);
      SkipSpace();
      if (AtEnd()) return Fail("unterminated object");
      char c = text_[pos_++];
      if (c == '}') return true;
      if (c != ',') return Fail("expected ',' or '}' in an object");
    }
  }

  bool Array(int depth) {
    if (depth > kMaxDepth) return Fail("nesting too deep");
    ++pos_;
    SkipSpace();
    if (!AtEnd() && Peek() == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      if (!Value(depth)) return false;
      SkipSpace();
      if (AtEnd()) return Fail("unterminated array");
      char c = text_[pos_++];
      if (c == ']') return true;
      if (c != ',') return Fail("expected ',' or ']' in an array");
    }
  }

  std::string_view text_;
  LeafFn fn_;
  size_t pos_ = 0;
  std::string path_;
  std::string key_buffer_, value_buffer_;
  const char* error_ = "";
};

}  // namespace

base::Status VisitLeaves(std::string_view text, LeafFn fn) { return Scanner(text, fn).Run(); }

}  // namespace vka::claims
