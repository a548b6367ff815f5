-- dissertation.lua -- the main job: reproduces the analyses of Samambayeva
-- (2013), "Cluster industrial policies as tools for economic development: the
-- metallurgical cluster & economic development of East Kazakhstan region",
-- chapter by chapter, on the bundled data, into one output folder; then the
-- policy options from the chapters' evidence and the study report
-- (DIR/report.html, DIR/report.md, DIR/clusterlab.xlsx).
--
-- usage: clusterlab scripts/dissertation.lua [--out DIR]
-- Each chapter is its own script (scripts/ch*.lua) that can be run, read and
-- changed alone; this one runs those present in order with --out DIR/chN.
local cli = require "cli"
local timer = require "timer"
local studyreport = require "studyreport"
local fileout = require "fileout"

local here = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local spec = {
  usage = "clusterlab scripts/dissertation.lua [options]",
  about = "Runs every chapter of the study on the bundled data, then the policy options and the report.",
  options = {
    {name = "out", value = "DIR", default = "out", help = "output folder (one sub-folder per chapter)"},
    {name = "keep-formulas", flag = true, help = "leave text cells starting with = + - @ as they are in"
      .. " clusterlab.xlsx (by default they get a leading ' so a spreadsheet does not run them)"},
  },
}

local opts   -- the command-line options, parsed by main()

-- out = the script's --out: a chapter folder, or the study's for the policy chapter
local steps = {
  {file = "ch1_regional_clusters.lua", out = "ch1",
   title = "Chapter 1. Regional input-output table, key sectors and clusters"},
  {file = "ch2_scoreboard.lua", out = "ch2", title = "Chapter 2. Innovation scoreboard of East Kazakhstan"},
  {file = "ch3_innovation_drivers.lua", out = "ch3",
   title = "Chapter 3. What drives firms to innovate (Enterprise Survey 2009)"},
  {file = "ch4_modes_of_innovation.lua", out = "ch4",
   title = "Chapter 4. Modes of innovation in the metallurgical cluster (SIMULATED survey)", optional = true},
  {file = "policy_options.lua", title = "Policy options and their impacts"},
}

local function exists(path)
  local f = io.open(path, "r")
  if f then f:close() end
  return f ~= nil
end

-- runs one script as if from the command line: `arg` as lua.c sets it
local function run_script(step)
  local path = here .. "/" .. step.file
  local chunk = assert(loadfile(path))
  local args = {[0] = path, "--out", step.out and (opts.out .. "/" .. step.out) or opts.out}
  local saved = arg
  arg = args
  local ok, err = xpcall(chunk, debug.traceback, table.unpack(args))
  arg = saved
  if not ok then error(step.file .. " failed: " .. tostring(err), 0) end
end

local function main()
  opts = cli.parse(arg, spec)
  if opts.help then print(cli.usage(spec)); return end
  -- "" or "/" would put the chapters at /ch1, /ch2: refused before any runs
  local made, why = pcall(fileout.mkdir, opts.out)
  if not made then error(why, 0) end
  local todo = {}
  for _, s in ipairs(steps) do
    if not s.optional or exists(here .. "/" .. s.file) then todo[#todo + 1] = s
    else print(string.format("(%s is not in this copy: its evidence will be missing)", s.file)) end
  end
  local total = #todo + 1
  local start = timer.now()
  for k, s in ipairs(todo) do
    local head = string.format("[%d/%d] %s", k, total, s.title)
    local rule = string.rep("=", utf8.len(head) or #head)
    print(rule .. "\n" .. head .. "\n" .. rule)
    local t0 = timer.now()
    run_script(s)
    print(string.format("[%d/%d] done in %.1f s\n", k, total, timer.now() - t0))
  end
  print(string.format("[%d/%d] The study report", total, total))
  local paths = studyreport.write(opts.out, {neutralise = not opts.keep_formulas})
  print("wrote " .. table.concat(paths, ", "))
  print(string.format("All chapters written under %s/ in %.1f s", opts.out, timer.now() - start))
end

-- a bad option ends the run with its message alone (a chapter's own errors
-- end it the same way, from the chapter's cli.run)
cli.run(main)
