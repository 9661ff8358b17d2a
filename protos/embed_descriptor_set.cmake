# Writes OUT, a C++ file defining pwis::protos::DescriptorSetWithComments()
# from IN, the FileDescriptorSet protoc wrote with --include_source_info.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
# Keep lines short enough for compilers and editors.
string(REGEX REPLACE "((('[^']+',){16}))" "\\1\n" bytes "${bytes}")
file(WRITE ${OUT}.tmp
"// Generated from descriptor_set.pb by protos/embed_descriptor_set.cmake.
#include \"protos/descriptor_set.h\"

namespace pwis::protos {
namespace {
const char kData[] = {
${bytes}};
}  // namespace

absl::string_view DescriptorSetWithComments() {
  return absl::string_view(kData, ${size});
}

}  // namespace pwis::protos
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
