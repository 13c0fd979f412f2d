#include "report/terminal.h"

namespace chainward::report {

std::string Paint(const TableStyle& style, Tone tone, std::string_view text) {
  if (!style.color) return std::string(text);
  const char* code = "";
  switch (tone) {
    case Tone::kHeading: code = "\x1b[1m"; break;
    case Tone::kCritical: code = "\x1b[1;31m"; break;
    case Tone::kBad: code = "\x1b[31m"; break;
    case Tone::kWarn: code = "\x1b[33m"; break;
    case Tone::kDim: code = "\x1b[2m"; break;
    case Tone::kGood: code = "\x1b[32m"; break;
  }
  return std::string(code) + std::string(text) + "\x1b[0m";
}

std::vector<std::string> Wrap(std::string_view text, int width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t limit = width < 20 ? 20 : static_cast<std::size_t>(width);
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view word = text.substr(i, j - i);
    if (!line.empty() && line.size() + 1 + word.size() > limit) {
      lines.push_back(line);
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
    i = j;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace chainward::report
