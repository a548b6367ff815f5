# make_ref_distributions.R -- R's values of the distribution functions that
# stats.* offers, over the whole range of their arguments, extremes included,
# for tests/lua/test_distributions.lua. Run from tests/data:
#   Rscript r_reference/make_ref_distributions.R
# Writes r_reference/ref_R_distributions.csv: fun, x, par1, par2, lower, log, value
# (17 significant digits; par2 = 0 where unused).
rows <- list()
add <- function(fun, x, p1, p2, lower, lg, v) {
  rows[[length(rows) + 1]] <<- data.frame(fun = fun, x = x, par1 = p1, par2 = p2,
                                          lower = lower, log = lg, value = v)
}
xs <- c(-1e300, -1e10, -40, -38, -10, -3, -1, -1e-10, 0, 1e-10, 0.5, 1, 2.5, 8, 30, 1e10, 1e300)
for (x in xs) for (lower in c(TRUE, FALSE)) for (lg in c(FALSE, TRUE)) {
  add("pnorm", x, 0, 0, lower, lg, pnorm(x, lower.tail = lower, log.p = lg))
  add("plogis", x, 0, 0, lower, lg, plogis(x, lower.tail = lower, log.p = lg))
}
for (x in c(-30, -5, -1, 0, 0.5, 3, 30)) for (lg in c(FALSE, TRUE))
  add("dnorm", x, 0, 0, TRUE, lg, dnorm(x, log = lg))
for (p in c(0, 1e-300, 1e-20, 1e-5, 0.02, 0.3, 0.5, 0.7, 0.975, 1 - 1e-10, 1))
  for (lower in c(TRUE, FALSE)) add("qnorm", p, 0, 0, lower, FALSE, qnorm(p, lower.tail = lower))
qs <- c(-1e300, -1e10, -50, -5, -1, -1e-10, 0, 0.5, 2, 30, 1e10, 1e300)
dfs <- c(1e-3, 0.1, 1, 2.5, 10, 100, 1e4, 1e6, 1e9, 1e15, Inf)
for (q in qs) for (df in dfs) for (lower in c(TRUE, FALSE))
  add("pt", q, df, 0, lower, FALSE, pt(q, df, lower.tail = lower))
cq <- c(0, 1e-300, 1e-10, 0.01, 0.5, 1, 3, 10, 50, 200, 1e3, 1e5, 1e7, 1e300)
for (q in cq) for (df in c(1e-3, 0.5, 1, 3, 10, 100, 1e3, 1e5)) for (lower in c(TRUE, FALSE))
  add("pchisq", q, df, 0, lower, FALSE, pchisq(q, df, lower.tail = lower))
fq <- c(0, 1e-10, 0.01, 0.5, 1, 2, 5, 50, 1e4, 1e300)
for (q in fq) for (d1 in c(0.01, 1, 5, 100, 1e6)) for (d2 in c(0.01, 1, 10, 1e4, 1e8))
  for (lower in c(TRUE, FALSE))
    add("pf", q, d1, d2, lower, FALSE, pf(q, d1, d2, lower.tail = lower))
out <- do.call(rbind, rows)
out$lower <- as.integer(out$lower)
out$log <- as.integer(out$log)
fmt <- function(v) sprintf("%.17g", v)
out$x <- fmt(out$x); out$par1 <- fmt(out$par1); out$par2 <- fmt(out$par2); out$value <- fmt(out$value)
write.csv(out, "r_reference/ref_R_distributions.csv", row.names = FALSE, quote = FALSE)
cat(R.version.string, ":", nrow(out), "values\n")
