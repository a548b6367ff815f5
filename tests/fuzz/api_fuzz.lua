-- api_fuzz.lua -- drives clusterlab's whole Lua API with generated arguments,
-- meant for the ASan/UBSan build (make fuzz-api): every function of every
-- module and every matrix and LU method is called, under pcall, with values
-- drawn from a pool of hostile ones -- tables whose __len says 2^61 + 1 or
-- -1 or fails, __index that makes fresh strings and runs the collector,
-- huge, negative and NaN numbers, wrong types, empty and odd-shaped
-- matrices, labelled ones, files that are devices. An error is fine; a crash,
-- a sanitizer report or a hang is the finding.
-- usage: clusterlab-san tests/fuzz/api_fuzz.lua SECONDS [SEED] (run it in a
-- scratch folder: functions that write files get paths inside it)
local seconds = tonumber(arg[1]) or 10
local seed = tonumber(arg[2]) or 1
math.randomseed(seed)

local matrix = require "matrix"
local fileout = require "fileout"
local scratch = os.getenv("FUZZ_SCRATCH") or "."
local trace = os.getenv("FUZZ_TRACE")  -- names each call on stderr before it runs

-- the input files, copied into the scratch folder: writers may overwrite them
local data = scratch .. "/data"
for _, f in ipairs { "csv/germany_small.csv", "csv/germany_small_semicolon.csv", "iotable/small.csv",
                     "iotable/small_employment.csv", "modes/survey8.csv", "robustness/padded_labels.csv" } do
  local h = assert(io.open((os.getenv("FUZZ_DATA") or "tests/data") .. "/" .. f, "rb"))
  fileout.mkdir(data .. "/" .. f:match("^(.*)/"))
  fileout.write(data .. "/" .. f, h:read("a"))
  h:close()
end

-- every module: the C ones and each file of stdlib (found, so a new module
-- is fuzzed without editing this list); every function in them that is safe
-- to call at random (cli.run exits the process; bench runs R and numpy;
-- blas_threads starts threads)
local module_names = { "matrix", "linalg", "leontief", "stats", "csv", "fileout", "timer", "glmfit" }
local stdlib = assert(package.clusterlab_stdlib, "stdlib not found")
local found = io.popen("cd '" .. stdlib .. "' && find . -name '*.lua' | sort")
for path in found:lines() do
  local name = path:gsub("^%./", ""):gsub("%.lua$", ""):gsub("/init$", ""):gsub("/", ".")
  if name ~= "bench" then module_names[#module_names + 1] = name end
end
found:close()
local skip = { ["cli.run"] = true, ["timer.blas_threads"] = true }

local targets = {}
for _, name in ipairs(module_names) do
  local ok, mod = pcall(require, name)
  if ok and type(mod) == "table" then
    for k, f in pairs(mod) do
      if type(f) == "function" and not skip[name .. "." .. k] then targets[#targets + 1] = { name .. "." .. k, f } end
    end
  end
end
for k, f in pairs(getmetatable(matrix.new(1, 1)).__index) do targets[#targets + 1] = { "m:" .. k, f, method = true } end
local lu = require("linalg").lu(matrix.eye(2))
for k, f in pairs(getmetatable(lu).__index) do targets[#targets + 1] = { "lu:" .. k, f, lu = true } end
table.sort(targets, function(a, b) return a[1] < b[1] end)  -- reproducible with the seed

local function fresh(k) collectgarbage(); return "fresh " .. tostring(k) .. string.rep("x", 30) end
local pick

-- hostile tables: lengths and indexing that lie, fail or collect
local function liar(n, index)
  return setmetatable({}, { __len = function() return n end, __index = index })
end
local matrices = {
  function() return matrix.new(0, 0) end, function() return matrix.new(0, 3) end, function() return matrix.new(3, 0) end,
  function() return matrix.new(1, 1, 0 / 0) end, function() return matrix.new(2, 2) end, function() return matrix.eye(3) end,
  function() return matrix.from { { 0.1, 0.2 }, { 0.3, 0.1 } } end,
  function() return matrix.from({ { 0.1, 0.2 }, { 0.3, 0.1 } }, { "a", "b" }, { "a", "b" }) end,
  function() return matrix.from({ { 1, 0 / 0 }, { math.huge, 1 } }, liar(2, function(_, k) return fresh(k) end)) end,
  function() return matrix.from { { 0, 1, 2 }, { 1, 0, 3 }, { 2, 3, 0 } } end,
  function() return matrix.new(4, 3):map(function(_, i, j) return math.sin(i * j) end) end,
  function() return matrix.col { 1, 2, 3 } end, function() return matrix.row { 1, 2, 3 } end,
  function() return matrix.new(5, 5, 1) end, function() return matrix.new(6, 2, -1) end,
}
local makers = {
  function() return nil end, function() return true end, function() return false end,
  function() return 0 end, function() return 1 end, function() return 2 end, function() return 3 end,
  function() return -1 end, function() return 0.5 end, function() return 0 / 0 end,
  function() return math.huge end, function() return -math.huge end, function() return 1e300 end,
  function() return 1e-300 end, function() return 2^31 end, function() return 2^31 - 1 end,
  function() return 2^53 end, function() return math.maxinteger end, function() return math.mininteger end,
  function() return (1 << 61) + 1 end, function() return 2^63 end,
  function() return "" end, function() return "x" end, function() return "Mining" end, function() return "=1+1" end,
  function() return "\0" end, function() return "\xff\xfe" end, function() return "row" end, function() return "col" end,
  function() return "average" end, function() return "euclidean" end, function() return "binary" end,
  function() return string.rep("a", 5000) end, function() return "/" end,
  function() return "/dev/full" end, function() return "/dev/null" end,
  function() return scratch .. "/out.csv" end, function() return scratch .. "/out.svg" end,
  function() return scratch .. "/no/such/dir/x.csv" end, function() return scratch end,
  function() return data .. "/csv/germany_small.csv" end, function() return data .. "/csv/germany_small_semicolon.csv" end,
  function() return data .. "/iotable/small.csv" end, function() return data .. "/iotable/small_employment.csv" end,
  function() return data .. "/modes/survey8.csv" end, function() return data .. "/robustness/padded_labels.csv" end,
  function() return {} end, function() return { 1, 2, 3 } end, function() return { 0.5, 0 / 0, -1 } end,
  function() return { { 1, 2 }, { 3, 4 } } end, function() return { { 1 }, { 2, 3 } } end, function() return { "a", "b" } end,
  function() return { "a", "b", "c" } end, function() return { 1, "x", {} } end,
  function() return { k = 2, h = 1, delta = 0.3, nfactors = 2, rotate = "varimax", file = scratch .. "/f.svg", sep = ";" } end,
  function() return { na = true, trim = true, header = false, rownames = 2, max_line = 100 } end,
  function() return { x = { 1, 2, 3 }, y = { 3, 1, 2 }, labels = { "a", "b", "c" }, values = { 1, 2, 3 } } end,
  function() return liar((1 << 61) + 1) end, function() return liar(-1) end, function() return liar(2^40) end,
  function() return liar(3, function(_, k) return fresh(k) end) end,
  function() return liar(2, function(_, k) collectgarbage(); return k end) end,
  function() return liar(2, function() error("index fails") end) end,
  function() return setmetatable({}, { __len = function() error("len fails") end }) end,
  function() return setmetatable({}, { __len = function() return 0.5 end }) end,
  function() return setmetatable({ 1, 2 }, { __index = function() return pick() end }) end,
  function() return print end, function() return function() return pick() end end,
  function() return io.stdout end, function() return coroutine.create(print) end,
}
for _, m in ipairs(matrices) do makers[#makers + 1] = m end
pick = function() return makers[math.random(#makers)]() end

-- a method gets a matrix (or LU) as self nine times in ten
local function args_for(t)
  local a, count = {}, 0
  if t.method or t.lu then
    count = 1
    if math.random(10) == 1 then a[1] = pick()
    else a[1] = t.lu and lu or matrices[math.random(#matrices)]() end
  end
  for _ = 1, math.random(0, 4) do count = count + 1; a[count] = pick() end
  return a, count
end

-- a runaway Lua loop inside a call (ipairs over a table whose __index never
-- returns nil) is stopped after 2 s of CPU; C loops are bounded by design,
-- so a call that outlives this is a finding (the harness is run under timeout)
local call_start
local function guard()
  if os.clock() - call_start > 2 then error("fuzz: time budget exceeded", 2) end
end

local devnull = io.open("/dev/null", "w")
local saved_print, saved_write = print, io.write
local calls, errors, t0 = 0, 0, os.time()
local clock0 = os.clock()
while os.clock() - clock0 < seconds do
  local t = targets[math.random(#targets)]
  local a, n = args_for(t)
  if trace then
    local shown = {}
    for k = 1, n do
      local v = a[k]
      local ok, mt = pcall(getmetatable, v)
      shown[k] = type(v) == "string" and string.format("%q", v:sub(1, 40)) or type(v) == "number" and string.format("%.17g", v)
        or (type(v) == "table" and ok and mt and rawget(mt, "__len")) and "liar" or type(v)
    end
    io.stderr:write(t[1], "(", table.concat(shown, ", "), ")\n")
  end
  print, io.write = function() end, function(...) return devnull:write(...) end
  call_start = os.clock()
  debug.sethook(guard, "", 1e5)
  local ok = pcall(t[2], table.unpack(a, 1, n))
  debug.sethook()
  print, io.write = saved_print, saved_write
  calls = calls + 1
  if not ok then errors = errors + 1 end
  if calls % 50 == 0 then collectgarbage() end
end
print(string.format("api_fuzz: %d calls of %d functions (%d raised errors) in %.0f s of CPU, seed %d, no crash",
  calls, #targets, errors, os.clock() - clock0, seed))
