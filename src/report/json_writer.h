// A small streaming JSON writer: correct escaping, stable formatting.
//
// Reports must be byte-for-byte stable (golden tests, diffs in CI), so the
// writer prints keys in the order they are written and indents with two
// spaces. Strings are escaped per RFC 8259; bytes that are not valid UTF-8
// are replaced with U+FFFD so hostile names cannot produce invalid JSON.
#ifndef CHAINWARD_REPORT_JSON_WRITER_H_
#define CHAINWARD_REPORT_JSON_WRITER_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace chainward::report {

class JsonWriter {
 public:
  // Keeps the whole document in memory, for str().
  JsonWriter() = default;
  // Streams the document to `sink` (not owned) in chunks of about 64 KiB, so
  // a report of any size needs no more memory than that; the last chunk is
  // written when the top-level value closes. Write errors are left on the
  // stream for the caller's ferror()/fclose().
  explicit JsonWriter(std::FILE* sink) : sink_(sink) {}

  // Starts a value: at the top level, as an array element, or after Key().
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(std::int64_t value);
  void Bool(bool value);
  void Null();

  // Shorthands for a key and its value.
  void Field(std::string_view key, std::string_view value) { Key(key); String(value); }
  void Field(std::string_view key, const char* value) { Key(key); String(value); }
  void Field(std::string_view key, const std::string& value) { Key(key); String(value); }
  void Field(std::string_view key, bool value) { Key(key); Bool(value); }
  void Field(std::string_view key, std::int64_t value) { Key(key); Int(value); }
  void StringArray(std::string_view key, const std::vector<std::string>& values);

  // The document so far, with a final newline once the top value is closed.
  // Empty once streamed to a sink.
  const std::string& str() const { return out_; }

 private:
  void BeforeValue();
  void Newline();
  // Hands the buffered text to the sink when there is enough of it, or when
  // `all` (the document is complete).
  void Drain(bool all);

  struct Level {
    bool is_object;
    bool empty = true;
  };
  std::string out_;
  std::FILE* sink_ = nullptr;
  std::vector<Level> stack_;
  bool after_key_ = false;
};

// Appends `s` to `out` as a quoted, escaped JSON string.
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace chainward::report

#endif  // CHAINWARD_REPORT_JSON_WRITER_H_
