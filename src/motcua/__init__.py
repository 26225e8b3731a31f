"""motcua — an electronic one-stop system and online public-service portal for Vietnamese
government bodies (Hệ thống thông tin giải quyết TTHC và Cổng dịch vụ công trực tuyến)."""
