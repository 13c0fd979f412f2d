// Writers for the results of `inventory` and `scan`: table and JSON.
//
// Tables are for people at an 80-column terminal; JSON is for machines and
// is stable: its shape is documented in docs/json.md and versioned by the
// "schema" field. Every string that came from scanned input is sanitised
// before it reaches a terminal (see SanitizeForTerminal).
#ifndef CHAINWARD_REPORT_REPORT_H_
#define CHAINWARD_REPORT_REPORT_H_

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

std::string InventoryTable(const Inventory& inventory, const TableStyle& style);
std::string InventoryJson(const Inventory& inventory);

std::string ScanTable(const ScanResult& result, const TableStyle& style);
std::string ScanJson(const ScanResult& result);

}  // namespace chainward::report

#endif  // CHAINWARD_REPORT_REPORT_H_
