-- svg.lua -- a small SVG 1.1 document writer for clusterlab's charts: elements
-- with sorted attributes, XML escaping of UTF-8 text (Cyrillic labels too),
-- locale-independent numbers, and text widths estimated from DejaVu Sans metrics.
local check = require "check"

local M = {}

M._help = {
  escape = "svg.escape(s) -> s with & < > \" ' escaped for XML; errors on invalid UTF-8",
  num = "svg.num(v [, decimals]) -> v with at most `decimals` (default 2) decimals, '.' as the point",
  text_width = "svg.text_width(s, size [, bold]) -> estimated width in px of s in DejaVu Sans",
  wrap = "svg.wrap(s, width, size [, maxlines]) -> lines, cut: s broken at spaces into lines no wider than width",
  element = "svg.element(name, attrs [, content]) -> '<name a=\"..\">content</name>' (content is raw SVG)",
  new = "svg.new(width, height [, title]) -> doc with :add(s), :element(...), :text(x, y, s, attrs [, tooltip]), :tostring(), :write(path)",
  write = "svg.write(path, text) -> writes text to path; errors naming the file",
}

-- DejaVu Sans advance widths of ASCII 32..126 in thousandths of an em (from the
-- font's hmtx table). DejaVu is the widest common sans-serif, so an estimate made
-- with it leaves room when a viewer substitutes Arial or Helvetica.
local ascii_widths = {
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
  636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
  1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
  603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
  500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
  635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
}
local other_width = 720   -- mean width of the Cyrillic letters U+0410..U+044F
local bold_factor = 1.1   -- DejaVu Sans Bold is about a tenth wider

local entities = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&apos;" }

function M.escape(s)
  s = tostring(s)
  if not utf8.len(s) then
    check.fail("svg.escape", "text is not valid UTF-8: %q", s)
  end
  -- control characters other than tab and newline are not allowed in XML 1.0
  s = s:gsub("[%z\1-\8\11\12\14-\31]", "")
  return (s:gsub("[&<>\"']", entities))
end

function M.num(v, decimals)
  if v ~= v or v == math.huge or v == -math.huge then
    check.fail("svg.num", "cannot write a non-finite number (%s)", tostring(v))
  end
  local s = string.format("%." .. (decimals or 2) .. "f", v):gsub(",", ".")
  if s:find("%.") then s = s:gsub("0+$", ""):gsub("%.$", "") end
  if s == "-0" then s = "0" end
  return s
end

function M.text_width(s, size, bold)
  local em = 0
  for _, c in utf8.codes(tostring(s)) do
    em = em + (ascii_widths[c - 31] or other_width)
  end
  return em / 1000 * size * (bold and bold_factor or 1)
end

-- cuts s (one line) so that it and a trailing ellipsis fit in width
local function truncate(s, width, size)
  local ell = "\u{2026}"
  if M.text_width(s, size) <= width then return s end
  local cut = {}
  for _, c in utf8.codes(s) do
    cut[#cut + 1] = utf8.char(c)
    if M.text_width(table.concat(cut) .. ell, size) > width then
      cut[#cut] = nil
      break
    end
  end
  return (table.concat(cut):gsub("[%s,;:]+$", "")) .. ell
end

function M.wrap(s, width, size, maxlines)
  local lines, line, cut = {}, nil, false
  for word in tostring(s):gmatch("%S+") do
    local try = line and (line .. " " .. word) or word
    if line and M.text_width(try, size) > width then
      lines[#lines + 1] = line
      line = word
    else
      line = try
    end
  end
  lines[#lines + 1] = line or ""
  for i, l in ipairs(lines) do
    local t = truncate(l, width, size)
    if t ~= l then lines[i], cut = t, true end
  end
  if maxlines and #lines > maxlines then
    local rest = table.concat(lines, " ", maxlines)
    for i = #lines, maxlines + 1, -1 do lines[i] = nil end
    lines[maxlines] = truncate(rest .. " \u{2026}", width, size)
    cut = true
  end
  return lines, cut
end

local function attributes(attrs)
  local keys, out = {}, {}
  for k in pairs(attrs or {}) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do
    local v = attrs[k]
    if v ~= nil and v ~= false then
      v = type(v) == "number" and M.num(v) or M.escape(v)
      out[#out + 1] = string.format(' %s="%s"', k, v)
    end
  end
  return table.concat(out)
end

function M.element(name, attrs, content)
  if content == nil or content == "" then
    return "<" .. name .. attributes(attrs) .. "/>"
  end
  return "<" .. name .. attributes(attrs) .. ">" .. content .. "</" .. name .. ">"
end

-- the document into path whole or not at all (report.write_file)
function M.write(path, text)
  require("report").write_file(path, text, "svg.write")
end

local Doc = {}
Doc.__index = Doc

function M.new(width, height, title)
  return setmetatable({ width = width, height = height, title = title, parts = {} }, Doc)
end

function Doc:add(s)
  self.parts[#self.parts + 1] = s
end

function Doc:element(name, attrs, content)
  self:add(M.element(name, attrs, content))
end

-- text at (x, y); a tooltip becomes a <title> child that viewers show on hover
function Doc:text(x, y, s, attrs, tooltip)
  local a = { x = x, y = y }
  for k, v in pairs(attrs or {}) do a[k] = v end
  local content = M.escape(s)
  if tooltip then content = "<title>" .. M.escape(tooltip) .. "</title>" .. content end
  self:add(M.element("text", a, content))
end

function Doc:tostring()
  local head = string.format(
    '<?xml version="1.0" encoding="UTF-8"?>\n' ..
    '<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" ' ..
    'font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="12">\n',
    M.num(self.width), M.num(self.height), M.num(self.width), M.num(self.height))
  local out = { head }
  if self.title then out[#out + 1] = "<title>" .. M.escape(self.title) .. "</title>\n" end
  out[#out + 1] = M.element("rect", { width = "100%", height = "100%", fill = "white" }) .. "\n"
  for _, p in ipairs(self.parts) do out[#out + 1] = p .. "\n" end
  out[#out + 1] = "</svg>\n"
  return table.concat(out)
end

function Doc:write(path)
  M.write(path, self:tostring())
end

return M
