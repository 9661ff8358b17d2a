# Writes OUT, a C++ file defining pwis::db::EmbeddedMigrations() from FILES
# (NNNN_name.sql), in order.
set(body "")
foreach(f IN LISTS FILES)
  get_filename_component(name ${f} NAME_WE)
  string(REGEX MATCH "^[0-9]+" version ${name})
  if(NOT version)
    message(FATAL_ERROR "migration ${f}: name must start with its number")
  endif()
  file(READ ${f} sql)
  string(FIND "${sql}" ")pwis_sql\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "migration ${f} contains the raw-string delimiter")
  endif()
  math(EXPR v "${version}")
  string(APPEND body "    {${v}, \"${name}\", R\"pwis_sql(${sql})pwis_sql\"},\n")
endforeach()
file(WRITE ${OUT}.tmp
"// Generated from db/migrations by db/embed_migrations.cmake. Do not edit.
#include \"db/migrations.h\"

namespace pwis::db {

const std::vector<Migration>& EmbeddedMigrations() {
  static const std::vector<Migration> kMigrations = {
${body}  };
  return kMigrations;
}

}  // namespace pwis::db
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
