-- dissertation.lua -- the main job: reproduces the analyses of Samambayeva
-- (2013), "Cluster industrial policies as tools for economic development: the
-- metallurgical cluster & economic development of East Kazakhstan region",
-- chapter by chapter, on the bundled data, into one output folder.
--
-- usage: clusterlab scripts/dissertation.lua [--out DIR]
-- Each chapter is its own script (scripts/ch*.lua) that can be run, read and
-- changed alone; this one runs them in order with --out DIR/chN.
local cli = require "cli"
local fileout = require "fileout"

local here = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local spec = {
  usage = "clusterlab scripts/dissertation.lua [options]",
  about = "Runs every chapter of the study on the bundled data.",
  options = {
    {name = "out", value = "DIR", default = "out", help = "output folder (one sub-folder per chapter)"},
  },
}

local opts   -- the command-line options, parsed by main()

local chapters = {
  {file = "ch1_regional_clusters.lua", dir = "ch1",
   title = "Chapter 1. Regional input-output table, key sectors and clusters"},
  {file = "ch2_scoreboard.lua", dir = "ch2",
   title = "Chapter 2. Innovation scoreboard of East Kazakhstan"},
  {file = "ch3_innovation_drivers.lua", dir = "ch3",
   title = "Chapter 3. What drives firms to innovate (Enterprise Survey 2009)"},
  {file = "ch4_modes_of_innovation.lua", dir = "ch4",
   title = "Chapter 4. Modes of innovation in the metallurgical cluster (SIMULATED survey)"},
}

-- runs one chapter script as if from the command line: `arg` as lua.c sets it
local function run_chapter(ch)
  local path = here .. "/" .. ch.file
  local chunk = assert(loadfile(path))
  local args = {[0] = path, "--out", opts.out .. "/" .. ch.dir}
  local saved = arg
  arg = args
  local ok, err = xpcall(chunk, debug.traceback, table.unpack(args))
  arg = saved
  if not ok then error(ch.file .. " failed: " .. tostring(err), 0) end
end

local function main()
  opts = cli.parse(arg, spec)
  if opts.help then print(cli.usage(spec)); return end
  -- "" or "/" would put the chapters at /ch1, /ch2: refused before any runs
  local made, why = pcall(fileout.mkdir, opts.out)
  if not made then error(why, 0) end
  for _, ch in ipairs(chapters) do
    local rule = string.rep("=", #ch.title)
    print(rule .. "\n" .. ch.title .. "\n" .. rule)
    run_chapter(ch)
    print()
  end
  print("All chapters written under " .. opts.out .. "/")
end

-- a bad option ends the run with its message alone (a chapter's own errors
-- end it the same way, from the chapter's cli.run)
cli.run(main)
