// Writers for the results of `inventory` and `scan`: table and JSON.
//
// Tables are for people at an 80-column terminal; JSON is for machines and
// is stable: its shape is documented in docs/json.md and versioned by the
// "schema" field. Every string that came from scanned input is sanitised
// before it reaches a terminal (see SanitizeForTerminal).
#ifndef CHAINWARD_REPORT_REPORT_H_
#define CHAINWARD_REPORT_REPORT_H_

#include <cstdio>
#include <string>
#include <vector>

#include "analyze/scan.h"

namespace chainward::report {

using analyze::Inventory;
using analyze::InstalledDifference;
using analyze::ScanResult;

struct TableStyle {
  bool color = false;
  int width = 80;
};

// Each JSON report comes two ways: whole, as a string, or streamed to `out`
// (not owned) in chunks as it is written, which keeps the memory of a
// report on a 100,000-package monorepo flat. The bytes are the same.
std::string InventoryTable(const Inventory& inventory, const TableStyle& style);
std::string InventoryJson(const Inventory& inventory);
void InventoryJson(const Inventory& inventory, std::FILE* out);

std::string ScanTable(const ScanResult& result, const TableStyle& style);
std::string ScanJson(const ScanResult& result);
void ScanJson(const ScanResult& result, std::FILE* out);

}  // namespace chainward::report

#endif  // CHAINWARD_REPORT_REPORT_H_
