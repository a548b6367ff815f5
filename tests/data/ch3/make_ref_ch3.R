# make_ref_ch3.R -- an independent run of chapter 3 in R on the bundled
# SIMULATED survey (scripts/data/es2009_kazakhstan_simulated.dta): the study
# variables built from the questions as stdlib/data/es2009_innovation_mapping.csv
# says (written out here again in R), Table 20's tests (t.test, chisq.test) and
# Table 21's probit (glm, binomial(probit): coefficients and R's EIM standard
# errors) and OLS (lm). Output: ref_R_ch3_table20.csv, ref_R_ch3_table21.csv.
# Run from the project root: Rscript tests/data/ch3/make_ref_ch3.R
library(haven)
s <- zap_labels(read_dta("scripts/data/es2009_kazakhstan_simulated.dta"))
for (v in names(s)) if (is.numeric(s[[v]])) s[[v]][s[[v]] %in% c(-9, -8, -7)] <- NA
yes_no <- function(x) ifelse(x == 1, 1, ifelse(x == 2, 0, NA))
d <- data.frame(
  sector = s$a4a,
  manufacturing = as.numeric(s$a4a >= 15 & s$a4a <= 37),
  innovator = yes_no(s$h1),
  new_product_share = s$h3,
  domestic_inputs = s$d12a,
  foreign_inputs = s$d12b,
  exporter = ifelse(is.na(s$d3b) | is.na(s$d3c), NA, as.numeric(s$d3b > 0 | s$d3c > 0)),
  rnd = yes_no(s$h8),
  foreign = as.numeric(s$b2b >= 10),
  size = s$l1
)
# technological opportunity: % of the other firms of the sector with e6 = 1
lic <- yes_no(s$e6)
ok <- !is.na(lic)
n_sec <- tapply(ok, s$a4a, sum)[as.character(s$a4a)]
k_sec <- tapply(ifelse(ok, lic, 0), s$a4a, sum)[as.character(s$a4a)]
n_oth <- n_sec - ok
k_oth <- k_sec - ifelse(ok, lic, 0)
d$tech_opportunity <- ifelse(n_oth > 0, 100 * k_oth / n_oth, NA)

out20 <- NULL
for (v in c("domestic_inputs", "foreign_inputs", "exporter", "rnd", "foreign", "size", "manufacturing")) {
  x <- d[[v]]; g <- d$innovator; keep <- !is.na(x) & !is.na(g)
  if (all(x[keep] %in% c(0, 1))) {
    t <- chisq.test(x[keep], g[keep]); df <- t$parameter
  } else {
    t <- t.test(x[keep & g == 1], x[keep & g == 0]); df <- t$parameter
  }
  out20 <- rbind(out20, data.frame(variable = v, innovators = mean(x[keep & g == 1]),
    non_innovators = mean(x[keep & g == 0]), statistic = unname(t$statistic), df = unname(df), p = t$p.value))
}
write.csv(out20, "tests/data/ch3/ref_R_ch3_table20.csv", row.names = FALSE)

rhs <- "domestic_inputs + foreign_inputs + exporter + rnd + foreign + size + tech_opportunity"
m <- subset(d, manufacturing == 1)
p <- glm(as.formula(paste("innovator ~", rhs)), family = binomial(link = "probit"), data = m)
o <- lm(as.formula(paste("new_product_share ~", rhs)), data = subset(m, innovator == 1))
cp <- summary(p)$coefficients; co <- summary(o)$coefficients
out21 <- rbind(
  data.frame(model = "probit", term = rownames(cp), coef = cp[, 1], se = cp[, 2]),
  data.frame(model = "ols", term = rownames(co), coef = co[, 1], se = co[, 2]),
  data.frame(model = "probit", term = c("n", "loglik"), coef = c(nobs(p), logLik(p)), se = NA),
  data.frame(model = "ols", term = c("n", "r2", "adj_r2"),
             coef = c(nobs(o), summary(o)$r.squared, summary(o)$adj.r.squared), se = NA))
write.csv(out21, "tests/data/ch3/ref_R_ch3_table21.csv", row.names = FALSE)
print(out20); print(out21)
cat("aliased (dropped):", names(which(is.na(coef(p)))), "\n")
