-- studyreport/walk.lua -- the walk over the study report's document that
-- html.lua and markdown.lua share: chapters in order (not run, the policy
-- options, or their items), the policy chapter's parts, the tables made from
-- records and impact scenarios. The output syntax is a table of small
-- functions given by each format:
--   chapter(c)                  opens a chapter (its heading)
--   chapter_end                 closes it (a string), or nil
--   not_ran(c), simulated(c)    the chapter's notes
--   figure(c, it), note(c, it), table(c, it, max_rows)   an item of a chapter
--   assumption(a)               one assumption of the policy options
--   assumptions_end             a string after them, or nil
--   option(o)                   one ranked policy option
--   heading(text), paragraph(text)   a sub-heading and a paragraph of trusted text
--   rows(header, rows)          a table of header and rows
local M = {}

local MEASURE = { output = "Output", value_added = "Value added", income = "Labour income", jobs = "Jobs" }

-- an impact scenario as a table: header, rows and the decimals of each column
function M.scenario_table(s)
  local rows = {}
  for _, r in ipairs(s.rows) do
    rows[#rows + 1] = { (r.level == "regional" and "Region: " or "Nation: ") .. (MEASURE[r.measure] or r.measure),
      r.direct, r.indirect, r.induced, r.total, r.type2 }
  end
  return { "effect on", "direct", "indirect", "induced", "total", "type II multiplier" }, rows,
    { false, 1, 1, 1, 1, 2 }
end

-- records as a table of the given columns {{field, title} ...}
local function records(syn, recs, columns)
  local header, rows = {}, {}
  for j, c in ipairs(columns) do header[j] = c[2] end
  for i, r in ipairs(recs) do
    rows[i] = {}
    for j, c in ipairs(columns) do rows[i][j] = r[c[1]] end
  end
  return syn.rows(header, rows)
end

local ITEM_KINDS = { figure = true, table = true, note = true }

-- a chapter's tables, figures and notes, one a line
function M.items(syn, c, items, max_rows)
  local out = {}
  for _, it in ipairs(items) do
    if ITEM_KINDS[it.kind] then out[#out + 1] = syn[it.kind](c, it, max_rows) end
  end
  return table.concat(out, "\n")
end

-- the policy chapter: assumptions, its other items, the ranked options, the
-- missing evidence and the leading industries
local function policy(syn, doc, max_rows)
  local v = doc.policy_view
  local out = {}
  for _, a in ipairs(v.assumptions) do out[#out + 1] = syn.assumption(a) end
  out[#out + 1] = syn.assumptions_end
  out[#out + 1] = M.items(syn, doc.policy, v.others, max_rows)
  for _, o in ipairs(v.options) do out[#out + 1] = syn.option(o) end
  out[#out + 1] = syn.heading("Missing evidence")
  out[#out + 1] = #v.missing == 0 and syn.paragraph("Every rule could be checked.")
    or records(syn, v.missing, { { "option", "option" }, { "evidence", "evidence it would give" },
      { "missing", "why missing" } })
  out[#out + 1] = syn.heading("Leading industries and the deck's priorities")
  out[#out + 1] = records(syn, v.priorities, { { "sector", "sector" }, { "slq", "location quotient" },
    { "industry_type", "industry type" }, { "priority", "country-specific priority" } })
  return table.concat(out, "\n")
end

-- every chapter of doc, appended to the list of lines out
function M.chapters(syn, doc, max_rows, out)
  for _, c in ipairs(doc.chapters) do
    out[#out + 1] = syn.chapter(c)
    if not c.ran then
      out[#out + 1] = syn.not_ran(c)
    elseif c == doc.policy and doc.policy_view then
      out[#out + 1] = policy(syn, doc, max_rows)
    else
      if c.simulated then out[#out + 1] = syn.simulated(c) end
      out[#out + 1] = M.items(syn, c, c.items, max_rows)
    end
    out[#out + 1] = syn.chapter_end
  end
  return out
end

return M
