#include "services/common/page_token.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <memory>

#include "absl/base/internal/endian.h"
#include "absl/strings/escaping.h"
#include "services/common/grpc_util.h"

namespace pwis {
namespace {

constexpr char kVersion = 1;
constexpr size_t kMacSize = 16;  // Truncated HMAC-SHA256, 128 bits.
constexpr size_t kMaxInts = 8;

absl::Status BadToken(const char* why) {
  return InvalidField("page_token", why);
}

void PutU64(std::string& out, uint64_t v) {
  char buf[8];
  absl::little_endian::Store64(buf, v);
  out.append(buf, 8);
}

}  // namespace

PageTokenCodec::PageTokenCodec(std::string secret)
    : secret_(std::move(secret)) {
  if (secret_.empty()) {
    secret_.resize(32);
    RAND_bytes(reinterpret_cast<unsigned char*>(secret_.data()),
               static_cast<int>(secret_.size()));
  }
}

std::string PageTokenCodec::Sign(const std::string& payload) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(),
       mac, &len);
  return std::string(reinterpret_cast<char*>(mac), kMacSize);
}

std::string PageTokenCodec::Encode(uint64_t query_hash,
                                   const std::vector<int64_t>& position) const {
  std::string payload;
  payload.push_back(kVersion);
  payload.push_back(static_cast<char>(position.size()));
  PutU64(payload, query_hash);
  for (int64_t v : position) PutU64(payload, static_cast<uint64_t>(v));
  return absl::WebSafeBase64Escape(payload + Sign(payload));
}

absl::StatusOr<std::vector<int64_t>> PageTokenCodec::Decode(
    const std::string& token, uint64_t query_hash) const {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw)) {
    return BadToken("not a token issued by this service");
  }
  if (raw.size() < 2 + 8 + kMacSize || raw[0] != kVersion) {
    return BadToken("not a token issued by this service");
  }
  size_t n = static_cast<unsigned char>(raw[1]);
  if (n > kMaxInts || raw.size() != 2 + 8 + 8 * n + kMacSize) {
    return BadToken("not a token issued by this service");
  }
  std::string payload = raw.substr(0, raw.size() - kMacSize);
  std::string mac = Sign(payload);
  if (CRYPTO_memcmp(mac.data(), raw.data() + payload.size(), kMacSize) != 0) {
    return BadToken("signature does not match (forged or from another server)");
  }
  if (absl::little_endian::Load64(payload.data() + 2) != query_hash) {
    return BadToken(
        "belongs to a different query; keep every filter as on the first page");
  }
  std::vector<int64_t> out;
  for (size_t i = 0; i < n; ++i) {
    out.push_back(static_cast<int64_t>(
        absl::little_endian::Load64(payload.data() + 10 + 8 * i)));
  }
  return out;
}

uint64_t PageTokenCodec::QueryHash(const std::string& domain,
                                   const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> copy(request.New());
  copy->CopyFrom(request);
  const auto* d = copy->GetDescriptor();
  const auto* r = copy->GetReflection();
  for (const char* name : {"page_token", "page_size"}) {
    if (const auto* f = d->FindFieldByName(name)) r->ClearField(copy.get(), f);
  }
  std::string bytes = domain;
  bytes.push_back('\0');
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream out(&stream);
    out.SetSerializationDeterministic(true);
    copy->SerializeToCodedStream(&out);
  }
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
         digest);
  return absl::little_endian::Load64(digest);
}

}  // namespace pwis
