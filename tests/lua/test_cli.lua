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

T.test("message: a user's error without source positions, a runtime error kept as a bug", function()
  T.equal(cli.message("/work/main/stdlib/regionalize.lua:315: regionalize.regionalise: the region is empty"),
    "regionalize.regionalise: the region is empty", "module error")
  T.equal(cli.message("scripts/ch1.lua:82: emp.csv:2: column 2 (\"region\"): \"2,5\" is not a number"),
    "emp.csv:2: column 2 (\"region\"): \"2,5\" is not a number", "position of the caller only")
  T.equal(cli.message("a.lua:1: b.lua:2: file.csv: the file is empty"), "file.csv: the file is empty", "nested")
  T.equal(cli.message("iotable.read: x.lua:3: kept"), "iotable.read: x.lua:3: kept", "only a leading position")
  local text, bug = cli.message("s.lua:9: attempt to index a nil value (local 't')")
  T.equal(bug, true, "runtime error is a bug")
  T.equal(text, "s.lua:9: attempt to index a nil value (local 't')", "bug keeps its position")
  T.equal(select(2, cli.message("x.csv: row 3: bad")), false, "user error")
end)

T.test("separators by name, decimal marks, choices", function()
  local s = { options = { { name = "sep", separator = true }, { name = "decimal", decimal = true },
    { name = "method", choices = { "slq", "flq" } } } }
  for given, want in pairs { tab = "\t", ["\\t"] = "\t", ["\t"] = "\t", semicolon = ";", [";"] = ";", comma = ",",
    ["|"] = "|", TAB = "\t" } do
    T.equal(cli.parse({ "--sep", given }, s).sep, want, "--sep " .. given)
  end
  T.equal(cli.parse({ "--decimal", "comma" }, s).decimal, ",", "--decimal comma")
  T.equal(cli.parse({ "--method=flq" }, s).method, "flq", "a choice")
  local l = cli.parse({ "--drop", "Mining| Retail Trade, Food|" }, { options = { { name = "drop", list = true } } }).drop
  T.equal(table.concat(l, "/"), "Mining/Retail Trade, Food", "a '|' list, trimmed, commas kept")
  T.errors("--sep must be ',', ';', '|' or a tab", cli.parse, { "--sep", ":" }, s)
  T.errors("--decimal must be '.' or ','", cli.parse, { "--decimal", ";" }, s)
  T.errors("--method must be one of slq, flq, got 'plq'", cli.parse, { "--method", "plq" }, s)
end)

T.test("a number's range, and cli.call in the user's terms", function()
  local s = { options = { { name = "delta", number = true, min = 0, below = 1, source = "Flegg & Webber 1997" },
    { name = "output-row" } } }
  T.close(cli.parse({ "--delta", "0" }, s).delta, 0, 0, "the lower limit is allowed")
  T.errors("--delta must be at least 0 and below 1 (Flegg & Webber 1997), got 1", cli.parse, { "--delta", "1" }, s)
  T.errors("--delta must be at least 0 and below 1", cli.parse, { "--delta=-0.1" }, s)
  T.errors("name it with --output-row", cli.call, s, function() error("x.lua:1: name it with opts.output_row") end)
  T.equal(cli.call(s, function(a) return a + 1 end, 1), 2, "a result passes through")
end)

T.test("an option that needs a value and gets the next option is an error", function()
  T.errors("--out needs a value (DIR), got the option --quiet", cli.parse, { "--out", "--quiet" }, spec)
  -- a negative number is a value
  T.close(cli.parse({ "--delta", "-0.5" }, spec).delta, -0.5, 0, "negative number")
end)

T.test("user_terms: the library's options in the script's words", function()
  local s = { options = { { name = "output-row" }, { name = "decimal", decimal = true } } }
  T.equal(cli.user_terms("x.lua:3: iotable.read: name one with opts.output_row or opts.output_col", s),
    "iotable.read: name one with --output-row or opts.output_col", "only the script's options")
  T.equal(cli.user_terms('f.csv:2: "2,5" is not a number (the file uses decimal commas? pass {decimal=","})', s),
    "f.csv:2: \"2,5\" is not a number (the file uses decimal commas? pass --decimal ',')", "a table of options")
  T.equal(cli.user_terms("or the table's row (opts.output_row = 'table')", s), "or the table's row (--output-row table)",
    "an option with its value")
end)

-- runs a chunk in a fresh clusterlab; returns stderr and the exit code
local BIN = T.bin
local function run(code)
  local err = os.tmpname()
  local p = io.popen(BIN .. " -e '" .. code .. "' 2>" .. err)
  p:read("a")
  local _, _, rc = p:close()
  local h = io.open(err); local text = h:read("a"); h:close(); os.remove(err)
  return text, rc
end

T.test("run: exit status 1 with the message alone, a bug with its traceback", function()
  local text, rc = run([[require("cli").run(function() error("data.csv: row 2: not a number", 2) end)]])
  T.equal(rc, 1, "exit status")
  T.equal(text, "data.csv: row 2: not a number\n", "message alone")
  text, rc = run([[require("cli").run(function() local t; return t.x end)]])
  T.equal(rc, 1, "exit status of a bug")
  assert(text:find("attempt to index a nil value", 1, true) and text:find("stack traceback", 1, true), text)
  text, rc = run([[require("cli").run(function(a) io.write(a) end, "ok")]])
  T.equal(rc, 0, "success"); T.equal(text, "", "nothing on stderr")
end)

T.done()
