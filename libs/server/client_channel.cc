#include "server/client_channel.h"

#include <grpcpp/support/client_interceptor.h>

#include "absl/strings/str_cat.h"

namespace liandong::server {
namespace {

// Adds "authorization: Bearer <token>" to calls that do not carry one already.
class TokenInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit TokenInterceptor(std::shared_ptr<TokenSource> token) : token_(std::move(token)) {}
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      auto* md = methods->GetSendInitialMetadata();
      if (md->find("authorization") == md->end()) {
        const std::string token = token_->Get();
        if (!token.empty()) md->emplace("authorization", absl::StrCat("Bearer ", token));
      }
    }
    methods->Proceed();
  }

 private:
  std::shared_ptr<TokenSource> token_;
};

class TokenInterceptorFactory : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  explicit TokenInterceptorFactory(std::shared_ptr<TokenSource> token) : token_(std::move(token)) {}
  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo*) override {
    return new TokenInterceptor(token_);
  }

 private:
  std::shared_ptr<TokenSource> token_;
};

std::shared_ptr<grpc::ChannelCredentials> Credentials(const ClientSecurity& security) {
  if (security.insecure_local) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadSmallFile(security.tls.ca).value_or("");
  ssl.pem_private_key = ReadSmallFile(security.tls.key).value_or("");
  ssl.pem_cert_chain = ReadSmallFile(security.tls.cert).value_or("");
  return grpc::SslCredentials(ssl);
}

}  // namespace

std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address,
                                           const ClientSecurity& security) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
  std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>> chain;
  if (security.token != nullptr) {
    chain.push_back(std::make_unique<TokenInterceptorFactory>(security.token));
  }
  return grpc::experimental::CreateCustomChannelWithInterceptors(address, Credentials(security),
                                                                 args, std::move(chain));
}

void SetDeadline(grpc::ClientContext& ctx, absl::Duration timeout) {
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
}

}  // namespace liandong::server
