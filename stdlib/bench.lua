-- bench.lua -- what `make bench` (scripts/benchmarks.lua) needs: programs
-- run side by side in rounds (interleaved, so that a busy moment of the
-- machine hits every program alike), each printing the wall-clock seconds of
-- its work, with its peak memory from GNU time. Benchmarks are not tests:
-- nothing here asserts a speed.

local M = {}

M._help = {
  _about = "running benchmark programs in interleaved rounds with their peak memory (scripts/benchmarks.lua)",
  quote = "bench.quote(s) -> s quoted for the shell",
  measure = "bench.measure(command) -> {seconds=, checksum=, peak_mb=} or nil, output: runs a command that"
    .. " prints 'seconds checksum' last, under /usr/bin/time for its peak resident memory",
  rounds = "bench.rounds(cases, k [, progress]) -- cases = {{name=, programs = {{name=, command=}} [, rounds=]}}:"
    .. " k rounds, each running every program of every case once, in an order rotated by round and case so that"
    .. " each program runs first equally often (a case with rounds = r only in the first r); fills program.best (seconds), program.peak_mb,"
    .. " program.checksum, program.error",
}

local function shell_quote(s) return "'" .. tostring(s):gsub("'", "'\\''") .. "'" end
M.quote = shell_quote

function M.measure(command)
  local p = io.popen("/usr/bin/time -f 'peak_kb %M' " .. command .. " 2>&1")
  local out = p:read("a")
  p:close()
  local peak = tonumber(out:match("peak_kb (%d+)%s*$"))
  local seconds, checksum
  for line in out:gmatch("[^\n]+") do
    local s, c = line:match("^(%d+%.%d+) (%S+)$")
    if s then seconds, checksum = tonumber(s), tonumber(c) end
  end
  if not seconds or not peak then return nil, out end
  return { seconds = seconds, checksum = checksum, peak_mb = peak / 1024 }
end

-- the programs of case c in round r, rotated by r + c: each runs first
-- equally often, and which one follows the previous case's last program
-- changes from row to row (on a VM the first touch of memory another
-- process just freed costs seconds)
local function rotated(programs, round, c)
  local out, p = {}, #programs
  for i = 1, p do out[i] = programs[(i + round + c - 3) % p + 1] end
  return out
end

function M.rounds(cases, k, progress)
  for round = 1, k do
    for c, case in ipairs(cases) do
      for _, prog in ipairs(rotated(case.programs, round, c)) do
        if not prog.error and round <= (case.rounds or k) then
          local r, out = M.measure(prog.command)
          if not r then
            prog.error = (out or ""):gsub("%s+$", ""):match("[^\n]*$")
          else
            prog.best = math.min(prog.best or math.huge, r.seconds)
            prog.peak_mb = math.max(prog.peak_mb or 0, r.peak_mb)
            prog.checksum = r.checksum
          end
        end
        if progress then progress(round, k, case.name, prog.name) end
      end
    end
  end
  return cases
end

return M
