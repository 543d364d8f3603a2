#include "sim/config/parameter_schema.hpp"

#include "sim/config/value_parse.hpp"

namespace kringloop::sim::config {

namespace {

// The default as its type, falling back to the text when it does not parse (a template's default
// may be empty, meaning "set per section").
cli::Json typed_default(const ParameterSpec& spec) {
  const std::string& text = spec.default_value;
  switch (spec.type) {
    case ValueType::integer:
      if (const auto value = parse_integer(text)) return *value;
      break;
    case ValueType::real:
      if (const auto value = parse_real(text)) return *value;
      break;
    case ValueType::boolean:
      if (const auto value = parse_boolean(text)) return *value;
      break;
    case ValueType::choice_list:
      return split_list(text);
    case ValueType::text:
    case ValueType::choice:
      break;
  }
  return text;
}

}  // namespace

cli::Json parameter_schema(const ParameterRegistry& registry) {
  cli::Json options = cli::Json::array();
  for (const auto& spec : registry.all()) {
    cli::Json option;
    option["key"] = spec.key;
    option["type"] = type_name(spec.type);
    option["default"] = typed_default(spec);
    option["default_text"] = spec.default_value;
    option["unit"] = spec.unit;
    option["min"] = cli::json_number(spec.min);
    option["max"] = cli::json_number(spec.max);
    option["choices"] = spec.choices;
    option["meaning"] = spec.meaning;
    option["source"] = spec.source;
    options.push_back(std::move(option));
  }
  cli::Json schema;
  schema["options"] = std::move(options);
  return schema;
}

}  // namespace kringloop::sim::config
