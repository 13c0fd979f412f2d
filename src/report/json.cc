namespace chainward::report {}
