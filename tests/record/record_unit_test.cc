// Small pure pieces of the record: phone hashing, stream id order, CSV quoting, text cleaning.
#include <catch2/catch.hpp>

#include "csv_export.h"
#include "record/archive_writer.h"
#include "record/phone_hash.h"
#include "redis_trimmer.h"

using namespace liandong;

TEST_CASE("phone hash: keyed, digits only, never the phone") {
  record::PhoneHasher a("key-one-0123456789"), b("key-two-0123456789");
  CHECK(a.Hash("13800000001").size() == 32);
  CHECK(a.Hash("138-0000 0001") == a.Hash("13800000001"));
  CHECK(a.Hash("13800000001") != a.Hash("13800000002"));
  CHECK(a.Hash("13800000001") != b.Hash("13800000001"));
  CHECK(a.Hash("no digits").empty());
  CHECK(a.Hash("13800000001").find("13800000001") == std::string::npos);
}

TEST_CASE("phone key file: missing or unreadable is refused naming the flag") {
  auto h = record::PhoneHasher::FromFile("/nonexistent/key");
  REQUIRE_FALSE(h.ok());
  CHECK(h.status().message().find("--phone_key_file") != std::string::npos);
  auto none = record::PhoneHasher::FromFile("");
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().message().find("required") != std::string::npos);
}

TEST_CASE("stream ids compare as numbers") {
  CHECK(archiver::StreamIdLess("9-0", "10-0"));
  CHECK(archiver::StreamIdLess("10-2", "10-10"));
  CHECK_FALSE(archiver::StreamIdLess("10-10", "10-2"));
  CHECK_FALSE(archiver::StreamIdLess("5-1", "5-1"));
}

TEST_CASE("CSV quoting follows RFC 4180") {
  CHECK(archiver::CsvField("plain") == "plain");
  CHECK(archiver::CsvField("a,b") == "\"a,b\"");
  CHECK(archiver::CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(archiver::CsvField("two\nlines") == "\"two\nlines\"");
}

TEST_CASE("text headed for PostgreSQL: NULs dropped, malformed UTF-8 replaced") {
  CHECK(record::CleanText("停水") == "停水");
  CHECK(record::CleanText(std::string("a\0b", 3)) == "ab");
  CHECK(record::CleanText("ok\xff\xfe") == "ok??");
}
