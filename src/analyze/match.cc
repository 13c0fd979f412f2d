namespace chainward::analyze {}
