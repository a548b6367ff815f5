-- cli.lua -- command-line options for the bundled scripts: `--name value`,
-- `--name=value` and `--flag`, checked against a declared list of options,
-- with defaults, numbers converted, and a usage message on a bad option; and
-- cli.run, which ends a script on a user's mistake with the message alone.
local M = {}

M._help = {
  _about = "command-line options for scripts: --name value, --flag, usage on a bad option",
  parse = "cli.parse(arg, spec) -> opts: spec = {usage = 'script [options]', options = {"
    .. "{name = 'out', value = 'DIR', default = 'out', help = '...'}, {name = 'delta', number = true}, "
    .. "{name = 'verbose', flag = true}}}; an unknown option, a missing value or a bad number is an "
    .. "error carrying the usage text; --help sets opts.help. An option's value that is the next option "
    .. "(--out --help) is an error. separator = true accepts ',', ';', '|', 'tab', '\\t', 'comma', 'semicolon', "
    .. "'pipe'; decimal = true '.', ',', 'point', 'comma'; choices = {...} one of a list; list = true a list "
    .. "'a|b|c' (names hold commas, so lists use '|') as {'a', 'b', 'c'}; number = true with min =, below =, "
    .. "source = checks a range",
  call = "cli.call(spec, f, ...) -> f(...); an error is raised again in the words of the command line (user_terms)",
  user_terms = "cli.user_terms(err, spec) -> err's message with the library's options (opts.output_row, "
    .. "{decimal=\",\"}) as the script's (--output-row, --decimal ',')",
  usage = "cli.usage(spec) -> the usage text: the usage line and one line per option with its default",
  run = "cli.run(main) -- runs a script's main function; an error ends the script with exit status 1 and its"
    .. " message alone (a Lua runtime error, a bug, with its traceback)",
  message = "cli.message(err) -> the text cli.run prints for an error: the message without its source position,"
    .. " or a bug's message with the traceback",
}

local function find(spec, name)
  for _, o in ipairs(spec.options or {}) do
    if o.name == name then return o end
  end
end

function M.usage(spec)
  local lines = { "usage: " .. (spec.usage or "script [options]") }
  if spec.about then lines[#lines + 1] = spec.about end
  local rows, width = {}, 0
  for _, o in ipairs(spec.options or {}) do
    local left = "  --" .. o.name .. (o.flag and "" or " " .. (o.value or (o.number and "N" or "VALUE")))
    rows[#rows + 1] = { left, (o.help or "") .. (o.default ~= nil and " (default " .. tostring(o.default) .. ")" or "") }
    width = math.max(width, #left)
  end
  rows[#rows + 1] = { "  --help", "print this message" }
  width = math.max(width, 8)
  for _, r in ipairs(rows) do
    lines[#lines + 1] = r[1] .. string.rep(" ", width - #r[1] + 2) .. r[2]
  end
  return table.concat(lines, "\n")
end

-- a number written with a point or a comma ("0.3", "0,3")
local function number(s)
  return tonumber(s) or tonumber((s:gsub(",", ".", 1)))
end

-- a command-line mistake: the message and the usage, no source position (the
-- user typed it; no line of a script is at fault)
local function bad_option(spec, fmt, ...)
  error(string.format(fmt, ...) .. "\n" .. M.usage(spec), 0)
end

-- field separators by the names a shell user can type (a tab is hard to type)
local SEPARATORS = { [","] = ",", [";"] = ";", ["|"] = "|", ["\t"] = "\t", ["\\t"] = "\t", tab = "\t",
  comma = ",", semicolon = ";", pipe = "|" }
local DECIMALS = { ["."] = ".", [","] = ",", point = ".", comma = "," }

-- the value of option o as given v: a number, a separator, a decimal mark, a list, one of o.choices
local function convert(spec, o, v)
  if o.number then
    local n = number(v)
    if not n then bad_option(spec, "--%s expects a number, got '%s'", o.name, v) end
    if (o.min and not (n >= o.min)) or (o.below and not (n < o.below)) then
      local limits = {}
      if o.min then limits[#limits + 1] = "at least " .. o.min end
      if o.below then limits[#limits + 1] = "below " .. o.below end
      bad_option(spec, "--%s must be %s%s, got %s", o.name, table.concat(limits, " and "),
        o.source and " (" .. o.source .. ")" or "", v)
    end
    return n
  end
  if o.separator then
    local sep = SEPARATORS[v:lower()]
    if not sep then
      bad_option(spec, "--%s must be ',', ';', '|' or a tab ('tab' or '\\t'; also 'comma', 'semicolon', 'pipe'), got '%s'",
        o.name, v)
    end
    return sep
  end
  if o.decimal then
    local d = DECIMALS[v:lower()]
    if not d then bad_option(spec, "--%s must be '.' or ',' (also 'point', 'comma'), got '%s'", o.name, v) end
    return d
  end
  if o.list then
    local items = {}
    for item in v:gmatch("[^|]+") do items[#items + 1] = (item:gsub("^%s+", ""):gsub("%s+$", "")) end
    return items
  end
  if o.choices then
    for _, c in ipairs(o.choices) do if v == c then return v end end
    bad_option(spec, "--%s must be one of %s, got '%s'", o.name, table.concat(o.choices, ", "), v)
  end
  return v
end

-- the messages of Lua's own runtime errors: a bug in a script or module, not a
-- user's mistake
local BUGS = { "attempt to ", "stack overflow", "C stack overflow", "table index is ", "'for' ",
  "number has no integer representation", "wrong number of arguments", "error in error handling",
  "not enough memory", "invalid key to 'next'", "string length overflow" }

-- s without the leading positions that match pattern ("x.lua:12: ")
local function strip(s, pattern)
  local n = 1
  while n > 0 do s, n = s:gsub(pattern, "", 1) end
  return s
end

-- err without its source positions ("x.lua:12: "), and whether it is a bug
-- (a runtime error, from a file or from a chunk such as "stdin:1: ")
function M.message(err)
  if type(err) ~= "string" then return tostring(err), false end
  local core = strip(err, "^[^\n:]-:%d+: ")
  for _, b in ipairs(BUGS) do
    if core:sub(1, #b) == b then return err, true end
  end
  return strip(err, "^[^\n:]-%.lua:%d+: "), false
end

-- A script's body: a user's mistake (a missing file, a bad cell, an option out
-- of range) ends it with the message alone; a bug keeps its traceback.
function M.run(main, ...)
  local ok, err = xpcall(main, function(e)
    local text, bug = M.message(e)
    return bug and debug.traceback(text, 2) or text
  end, ...)
  if not ok then
    io.stderr:write(err, "\n")
    os.exit(1)
  end
end

-- err (a reader's or a module's error) in the words of the command line: an
-- option of the library (opts.output_row, {decimal=","}) becomes the script's
-- option that sets it (--output-row, --decimal ','), when spec has one
function M.user_terms(err, spec)
  local msg = M.message(err)
  local function option(key)
    local name = key:gsub("_", "-")
    for _, o in ipairs(spec.options or {}) do
      if o.name == name then return "--" .. name end
    end
  end
  msg = msg:gsub("opts%.([%a_]+) = '([^']*)'", function(key, v)
    local o = option(key)
    return o and o .. " " .. v
  end)
  msg = msg:gsub("opts%.([%a_]+)", function(key) return option(key) end)
  msg = msg:gsub("{(%a+)=\"(.-)\"}", function(key, v)
    local o = option(key)
    return o and o .. " '" .. v .. "'"
  end)
  return msg
end

-- f(...) for a script: an error there is the user's input (a file, an
-- option), raised again in the command line's words for cli.run to print
function M.call(spec, f, ...)
  local ok, res = pcall(f, ...)
  if not ok then error(M.user_terms(res, spec), 0) end
  return res
end

function M.parse(args, spec)
  spec = spec or {}
  local opts, i = {}, 1
  args = args or {}
  while i <= #args do
    local a = args[i]
    local name, inline = a:match("^%-%-([%w_%-]+)=(.*)$")
    name = name or a:match("^%-%-([%w_%-]+)$")
    if not name then
      bad_option(spec, "unexpected argument '%s' (options start with --)", a)
    end
    if name == "help" then
      opts.help = true
    else
      local o = find(spec, name)
      if not o then bad_option(spec, "unknown option --%s", name) end
      local key = name:gsub("%-", "_")
      if o.flag then
        if inline then bad_option(spec, "--%s takes no value", name) end
        opts[key] = true
      else
        local v = inline
        if v == nil then
          i = i + 1
          v = args[i]
          if v == nil then bad_option(spec, "--%s needs a value (%s)", name, o.value or "VALUE") end
          -- "--out --no-factor": the value was forgotten, the next option is not it
          if v:match("^%-%-%a") then
            bad_option(spec, "--%s needs a value (%s), got the option %s", name, o.value or "VALUE", v)
          end
        end
        opts[key] = convert(spec, o, v)
      end
    end
    i = i + 1
  end
  for _, o in ipairs(spec.options or {}) do
    local key = o.name:gsub("%-", "_")
    if opts[key] == nil and o.default ~= nil then opts[key] = o.default end
  end
  return opts
end

return M
