# make_ref_glm.R -- reference outputs of R for tests/lua/test_glm.lua: logit
# and probit on infert (glm), marginal effects with delta-method standard
# errors (numerical Jacobian, an implementation independent of glm.lua's
# analytic one), and OLS on mtcars (lm, HC1 by the sandwich formula).
# Run from tests/data:  Rscript r_reference/make_ref_glm.R
# Written with R 4.2.2 Patched (2022-11-10 r83330), Debian r-base-core.
options(digits = 15)
wr <- function(x, file) write.csv(x, file, row.names = FALSE, quote = TRUE)

d <- read.csv("r_reference/infert.csv")
form <- case ~ age + parity + induced + spontaneous

# --- logit on infert: coefficient table (the layout of ref_R_infert_probit.csv)
f <- glm(form, family = binomial(link = "logit"), data = d)
f0 <- glm(case ~ 1, family = binomial(link = "logit"), data = d)
s <- summary(f)$coefficients
wr(data.frame(term = rownames(s), coef = s[, 1], se = s[, 2], z = s[, 3], p = s[, 4],
              loglik = as.numeric(logLik(f)), lr = f$null.deviance - f$deviance,
              pseudo_r2 = 1 - as.numeric(logLik(f)) / as.numeric(logLik(f0)), n = nrow(d)),
   "r_reference/ref_R_infert_logit.csv")

# --- fit statistics of both links
stat <- function(link) {
  f <- glm(form, family = binomial(link = link), data = d)
  f0 <- glm(case ~ 1, family = binomial(link = link), data = d)
  lr <- f$null.deviance - f$deviance
  data.frame(model = link, loglik = as.numeric(logLik(f)), loglik_null = as.numeric(logLik(f0)),
             lr = lr, lr_df = f$df.null - f$df.residual,
             lr_p = pchisq(lr, f$df.null - f$df.residual, lower.tail = FALSE),
             aic = AIC(f), iterations = f$iter)
}
wr(rbind(stat("probit"), stat("logit")), "r_reference/ref_R_infert_glm_stats.csv")

# --- marginal effects: X with a 0/1 column (education 12+ years)
X <- cbind("(Intercept)" = 1, age = d$age, parity = d$parity, induced = d$induced,
           spontaneous = d$spontaneous, edu12 = as.numeric(d$education == "12+ yrs"))
jac <- function(g, b, h = 1e-6)   # central differences, one column per coefficient
  sapply(seq_along(b), function(k) { e <- replace(0 * b, k, h); (g(b + e) - g(b - e)) / (2 * h) })
margins <- function(link) {
  f <- glm(d$case ~ X - 1, family = binomial(link = link))
  b <- coef(f); V <- vcov(f)
  F <- binomial(link = link)$linkinv
  dens <- function(eta) binomial(link = link)$mu.eta(eta)
  xbar <- colMeans(X)
  out <- NULL
  add <- function(at, method, g) {
    G <- jac(g, b)
    out <<- rbind(out, data.frame(model = link, at = at, method = method, term = colnames(X)[-1],
                                  dydx = g(b), se = sqrt(diag(G %*% V %*% t(G)))))
  }
  # derivatives f(x'b) b_j, at the means and averaged
  add("mem", "derivative", function(b) dens(sum(xbar * b)) * b[-1])
  add("ame", "derivative", function(b) mean(dens(X %*% b)) * b[-1])
  # edu12 as a change from 0 to 1, the other columns as derivatives
  at1 <- function(x, v) { x[, "edu12"] <- v; x }
  add("mem", "discrete", function(b) {
    x <- matrix(xbar, 1, dimnames = list(NULL, colnames(X)))
    c(dens(sum(xbar * b)) * b[2:5], F(sum(at1(x, 1) * b)) - F(sum(at1(x, 0) * b)))
  })
  add("ame", "discrete", function(b)
    c(mean(dens(X %*% b)) * b[2:5], mean(F(at1(X, 1) %*% b) - F(at1(X, 0) %*% b))))
  out
}
wr(rbind(margins("probit"), margins("logit")), "r_reference/ref_R_infert_margins.csv")

# --- OLS on mtcars, with and without an intercept; HC1 = (X'X)^-1 X'diag(e^2)X
# (X'X)^-1 n/(n-k) (MacKinnon & White 1985)
write.csv(mtcars, "r_reference/mtcars.csv", quote = TRUE)
ols <- function(name, fit) {
  X <- model.matrix(fit); e <- residuals(fit); n <- nrow(X); k <- ncol(X)
  B <- solve(crossprod(X))
  hc1 <- B %*% crossprod(X * e) %*% B * n / (n - k)
  s <- summary(fit); cf <- s$coefficients
  fs <- if (is.null(s$fstatistic)) c(NA, NA, NA) else s$fstatistic
  se1 <- sqrt(diag(hc1))
  data.frame(model = name, term = rownames(cf), coef = cf[, 1], se = cf[, 2], t = cf[, 3],
             p = cf[, 4], se_hc1 = se1,
             p_hc1 = 2 * pt(abs(cf[, 1] / se1), n - k, lower.tail = FALSE),
             r2 = s$r.squared, adj_r2 = s$adj.r.squared, f = fs[1], f_df1 = fs[2], f_df2 = fs[3],
             f_p = pf(fs[1], fs[2], fs[3], lower.tail = FALSE), sigma = s$sigma, n = n)
}
wr(rbind(ols("mpg ~ wt + hp + qsec + am", lm(mpg ~ wt + hp + qsec + am, data = mtcars)),
         ols("mpg ~ 0 + wt + qsec", lm(mpg ~ 0 + wt + qsec, data = mtcars))),
   "r_reference/ref_R_mtcars_lm.csv")
