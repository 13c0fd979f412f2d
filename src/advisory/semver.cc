namespace chainward::advisory {}
