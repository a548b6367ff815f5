-- bench.lua -- what the benchmark scripts share: timing a Lua function by
-- wall clock (best of k runs) and running a peer program (numpy, R) on the
-- same input in the same run. Benchmarks are not tests: nothing here asserts
-- a speed.
local timer = require "timer"

local M = {}

M._help = {
  _about = "timing helpers for the benchmark scripts (scripts/bench_*.lua)",
  best_of = "bench.best_of(k, fn) -> seconds, result: the fastest of k wall-clock runs of fn and its last result",
  peer = "bench.peer(interpreter, program [, args]) -> output or nil, message: runs the program text with "
    .. "e.g. '/usr/bin/python3' or 'Rscript' and returns what it printed",
}

function M.best_of(k, fn)
  local best, out = math.huge, nil
  for _ = 1, k do
    local t0 = timer.now()
    out = fn()
    best = math.min(best, timer.now() - t0)
  end
  return best, out
end

function M.peer(interpreter, program, args)
  local path = os.tmpname()
  local f = assert(io.open(path, "w"))
  f:write(program)
  f:close()
  local p = io.popen(string.format("%s %s %s 2>&1", interpreter, path, args or ""))
  local out = p:read("a")
  local ok = p:close()
  os.remove(path)
  if not ok then return nil, interpreter .. " failed (make bench-deps installs the peers): " .. out end
  return out
end

return M
