-- iodata.lua -- the input-output test tables, read with a minimal CSV reader
-- (quoted fields, commas) so that the leontief, regionalize, linkages and
-- multipliers tests depend on nothing but the matrix module.
local matrix = require "matrix"
local T = require "testing"

local M = {}

-- header and rows of strings
function M.readcsv(path)
  local f = assert(io.open(path, "r"), "cannot open " .. path)
  local rows = {}
  for line in f:lines() do
    local row, i, n = {}, 1, #line
    while i <= n + 1 do
      if line:sub(i, i) == '"' then
        local j, buf = i + 1, {}
        while true do
          local c = line:sub(j, j)
          if c == '"' and line:sub(j + 1, j + 1) == '"' then buf[#buf + 1] = '"'; j = j + 2
          elseif c == '"' or c == "" then break
          else buf[#buf + 1] = c; j = j + 1 end
        end
        row[#row + 1] = table.concat(buf); i = j + 2
      else
        local j = line:find(",", i, true) or n + 1
        row[#row + 1] = line:sub(i, j - 1); i = j + 1
      end
    end
    rows[#rows + 1] = row
  end
  f:close()
  return table.remove(rows, 1), rows
end

-- Germany 1995 (Eurostat manual, table 15.4) as a record {Z, x, f, v,
-- employment, labels}: v holds the value-added components D1, D29X39, K1 and
-- B2A3N (they sum to B1G), f the five final-demand columns.
function M.germany()
  local header, rows = M.readcsv(T.data .. "/germany_1995/germany_1995_wide.csv")
  local by = {}
  for _, r in ipairs(rows) do by[r[1]] = r end
  local codes = { "CPA_A", "CPA_B-E", "CPA_F", "CPA_G-I", "CPA_J-N", "CPA_O-T" }
  local fd = { "P3_S14", "P3_S13", "P5", "P52", "P6" }
  local va = { "D1", "D29X39", "K1", "B2A3N" }
  local Z, f, v = matrix.new(6, 6), matrix.new(6, 5), matrix.new(4, 6)
  local x, emp = matrix.new(6, 1), matrix.new(6, 1)
  for i, code in ipairs(codes) do
    for j = 1, 6 do Z:set(i, j, tonumber(by[code][j + 1])) end
    for k = 1, 5 do f:set(i, k, tonumber(by[code][6 + k + 1])) end
    x:set(i, 1, tonumber(by.P1[i + 1]))
    emp:set(i, 1, tonumber(by.EMP[i + 1]))
    for k, row in ipairs(va) do v:set(k, i, tonumber(by[row][i + 1])) end
  end
  assert(header[8] == "P3_S14" and header[12] == "P6", "germany_1995_wide.csv: unexpected columns")
  Z:setnames(codes, codes); f:setnames(codes, fd); v:setnames(va, codes)
  x:setnames(codes, { "output" }); emp:setnames(codes, { "employment" })
  return { Z = Z, x = x, f = f, v = v, employment = emp, labels = codes }
end

-- Australia 2021-22, 19 divisions: {Z, x, labels} and Mount Isa's and
-- Australia's census employment (n x 1, labelled)
function M.australia()
  local _, rows = M.readcsv(T.data .. "/australia_2021/australia_19_wide.csv")
  local n = #rows
  local Z, x, labels = matrix.new(n, n), matrix.new(n, 1), {}
  for i, r in ipairs(rows) do
    labels[i] = r[1]
    for j = 1, n do Z:set(i, j, tonumber(r[j + 1])) end
    x:set(i, 1, tonumber(r[n + 2]))
  end
  Z:setnames(labels, labels); x:setnames(labels, { "output" })
  local _, e = M.readcsv(T.data .. "/australia_2021/employment_mount_isa_2021.csv")
  local reg, nat = matrix.new(n, 1), matrix.new(n, 1)
  for i, r in ipairs(e) do
    assert(r[1] == labels[i], "employment and table list the sectors in different orders")
    reg:set(i, 1, tonumber(r[2])); nat:set(i, 1, tonumber(r[3]))
  end
  reg:setnames(labels, { "Mount Isa" }); nat:setnames(labels, { "Australia" })
  return { Z = Z, x = x, labels = labels, employment = nat }, reg, nat
end

-- a reference CSV's numeric column k (1-based) as a Lua array
function M.column(rows, k)
  local v = {}
  for i, r in ipairs(rows) do v[i] = tonumber(r[k]) end
  return v
end

return M
