-- test_cli.lua -- the scripts' option parser: --name value, --name=value,
-- --flag, defaults, numbers with a point or a comma, and usage on bad options.
local T = require "testing"
local cli = require "cli"

local spec = {
  usage = "script.lua [options]",
  options = {
    { name = "out", value = "DIR", default = "out/x", help = "where results go" },
    { name = "delta", number = true, default = 0.3, help = "FLQ delta" },
    { name = "sep", value = "CHAR" },
    { name = "quiet", flag = true },
  },
}

T.test("values, flags and defaults", function()
  local o = cli.parse({ "--out", "/tmp/a", "--delta=0,25", "--quiet", "--sep", ";" }, spec)
  T.equal(o.out, "/tmp/a", "out")
  T.close(o.delta, 0.25, 0, "decimal comma number")
  T.equal(o.quiet, true, "flag")
  T.equal(o.sep, ";", "sep")
  local d = cli.parse({}, spec)
  T.equal(d.out, "out/x", "default out"); T.close(d.delta, 0.3, 0, "default delta")
  T.equal(d.quiet, nil, "flag absent"); T.equal(cli.parse({ "--help" }, spec).help, true, "help")
end)

T.test("bad options carry the usage text", function()
  T.errors("unknown option --bogus", cli.parse, { "--bogus" }, spec)
  T.errors("usage: script.lua [options]", cli.parse, { "--bogus" }, spec)
  T.errors("--out needs a value (DIR)", cli.parse, { "--out" }, spec)
  T.errors("--delta expects a number, got 'abc'", cli.parse, { "--delta", "abc" }, spec)
  T.errors("unexpected argument 'file.csv'", cli.parse, { "file.csv" }, spec)
  T.errors("--quiet takes no value", cli.parse, { "--quiet=yes" }, spec)
end)

T.test("usage lists every option with its default", function()
  local u = cli.usage(spec)
  assert(u:find("--out DIR", 1, true) and u:find("(default out/x)", 1, true), u)
  assert(u:find("--delta N", 1, true) and u:find("(default 0.3)", 1, true), u)
  assert(u:find("--quiet", 1, true) and u:find("--help", 1, true), u)
end)

T.done()
