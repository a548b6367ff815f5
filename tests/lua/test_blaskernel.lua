-- test_blaskernel.lua -- the host's choice of OpenBLAS kernel, end to end:
-- forced onto the SSE3 fallback ("Prescott", what OpenBLAS 0.3.21 picks on
-- CPUs it does not know), clusterlab starts again with the best kernel the
-- CPU allows, read independently from the flags in /proc/cpuinfo; a user's
-- OPENBLAS_CORETYPE and CLUSTERLAB_BLAS_SELECT=0 are respected.
local T = require "testing"
local timer = require "timer"

local bin = arg[-1]

-- runs `bin -e code` with the environment assignments in env; its output
local function run(env, code)
  local p = io.popen(string.format("env -u OPENBLAS_CORETYPE -u CLUSTERLAB_BLAS_SELECT %s %s -e %q 2>&1",
    env, bin, code))
  local out = p:read("a")
  p:close()
  return out
end

-- the kernel core/blaskernel.h's rule gives for the flags Linux lists
local function expected_best()
  local f = io.open("/proc/cpuinfo")
  if not f then return nil end
  local info = f:read("a")
  f:close()
  local flags = " " .. (info:match("\nflags%s*:([^\n]*)") or "") .. " "
  local function has(x) return flags:find(" " .. x .. " ", 1, true) ~= nil end
  local vendor_amd = info:find("AuthenticAMD", 1, true) ~= nil
  if has("avx512f") and has("avx512bw") and has("avx512dq") and has("avx512vl") then return "SkylakeX" end
  if has("avx2") and has("fma") then return vendor_amd and "Zen" or "Haswell" end
  if has("avx") then return "Sandybridge" end
  return "Prescott"
end

local show = "local t = require 'timer'; print(t.blas_kernel()); print(os.getenv('OPENBLAS_CORETYPE'), os.getenv('CLUSTERLAB_BLAS_CHOSEN'))"

T.test("the fallback kernel is replaced by the CPU's best", function()
  local want = expected_best()
  if not want then return end
  local out = run("OPENBLAS_CORETYPE=Prescott CLUSTERLAB_BLAS_SELECT=force", show)
  local name, how = out:match("^(%S+)\t([^\n]*)")
  T.equal(name, want, "kernel after selection (" .. out .. ")")
  if want ~= "Prescott" then
    assert(how:find("selected by clusterlab: OpenBLAS chose Prescott", 1, true), how)
  end
  -- programs the script starts see the user's environment again
  assert(out:find("\nPrescott\tnil\n", 1, true), out)
end)

T.test("a user's OPENBLAS_CORETYPE is kept", function()
  local out = run("OPENBLAS_CORETYPE=Prescott", show)
  assert(out:find("^Prescott\tPrescott %(OPENBLAS_CORETYPE=Prescott%)\n"), out)
end)

T.test("CLUSTERLAB_BLAS_SELECT=0 keeps OpenBLAS's choice", function()
  local out = run("CLUSTERLAB_BLAS_SELECT=0", show)
  assert(out:find("(selection off: CLUSTERLAB_BLAS_SELECT=0)", 1, true), out)
  assert(out:find("\nnil\tnil\n", 1, true), out)
end)

T.test("--version and help() name the kernel", function()
  local p = io.popen(bin .. " --version")
  local v = p:read("a"); p:close()
  local name = timer.blas_kernel()
  assert(v:find("OpenBLAS kernel " .. name, 1, true), v)
  local out = run("", "help()")
  assert(out:find("BLAS: OpenBLAS kernel ", 1, true), out)
end)

T.done()
