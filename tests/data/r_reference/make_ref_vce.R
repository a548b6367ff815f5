# make_ref_vce.R -- reference standard errors of R's sandwich package for
# tests/lua/test_glm_vce.lua, on R's infert data: the logit of case on age,
# parity, induced, spontaneous and the linear probability model (lm) of the
# same, with Stata's robust and cluster-robust (83 matched sets, stratum)
# covariances, unweighted and with sampling weights w = 1 + ((row - 1) mod 4)
# / 2 (rows numbered from 1 in file order).
#   logit robust:  sandwich(fit) * n / (n - 1)          (Stata's N/(N-1))
#   logit cluster: vcovCL(fit, ~stratum, type = "HC0")  (cadjust: G/(G-1))
#   lm robust:     vcovHC(fit, "HC1")                   (n/(n-k))
#   lm cluster:    vcovCL(fit, ~stratum, type = "HC1")  (G/(G-1) (n-1)/(n-k)),
#                  p-values from t with G - 1 degrees of freedom (Stata)
# The weighted probit's coefficients and log-likelihood come from glm with
# prior weights (the estimates of Stata's pweights), its robust and cluster
# errors from a numerically differentiated observed information (below). The glm fits iterate to
# epsilon = 1e-14: sandwich's bread is vcov(fit), the information at the
# weights of the last iteration, which at R's default epsilon (1e-8) is
# still 1e-5 away from the information at the estimates.
# Run from tests/data:  Rscript r_reference/make_ref_vce.R
# Written with R 4.2.2 Patched (2022-11-10 r83330), sandwich 3.0.2 (Debian).
library(sandwich)
options(digits = 15)
d <- read.csv("r_reference/infert.csv")
d$w <- 1 + ((seq_len(nrow(d)) - 1) %% 4) / 2
form <- case ~ age + parity + induced + spontaneous
n <- nrow(d); G <- length(unique(d$stratum))
tight <- glm.control(epsilon = 1e-14, maxit = 100)
out <- NULL
add <- function(model, vce, weighted, fit, V, df = Inf) {
  b <- coef(fit); se <- sqrt(diag(V))
  mu <- fitted(fit); w <- if (weighted) d$w else rep(1, n)
  ll <- if (model == "ols") NA else sum(w * (d$case * log(mu) + (1 - d$case) * log(1 - mu)))
  r2 <- if (model == "ols") summary(fit)$r.squared else NA
  out <<- rbind(out, data.frame(model = model, vce = vce, weighted = weighted, term = names(b),
                                coef = b, se = se, p = 2 * pt(-abs(b / se), df),
                                loglik = ll, r2 = r2, clusters = G))
}
for (weighted in c(FALSE, TRUE)) {
  wts <- if (weighted) d$w else NULL
  lg <- suppressWarnings(glm(form, binomial("logit"), d, weights = wts, control = tight))
  add("logit", "robust", weighted, lg, sandwich(lg) * n / (n - 1))
  add("logit", "cluster", weighted, lg, vcovCL(lg, cluster = ~stratum, type = "HC0"))
  ls <- lm(form, d, weights = wts)
  add("ols", "robust", weighted, ls, vcovHC(ls, type = "HC1"), n - 5)
  add("ols", "cluster", weighted, ls, vcovCL(ls, cluster = ~stratum, type = "HC1"), G - 1)
}
pw <- suppressWarnings(glm(form, binomial("probit"), d, weights = d$w, control = tight))
add("probit", "coef", TRUE, pw, vcov(pw))
# The weighted probit's robust and cluster errors as Stata forms them, with
# the observed information: the Jacobian of the weighted score sum by central
# differences (h = 1e-6; an implementation independent of glm.lua's analytic
# one), the meat from sandwich's estfun (prior weight x score x x_i).
X <- model.matrix(pw)
score_sum <- function(b) {
  eta <- drop(X %*% b); mu <- pnorm(eta)
  colSums(d$w * (d$case - mu) * dnorm(eta) / (mu * (1 - mu)) * X)
}
H <- -sapply(seq_along(coef(pw)), function(k) {
  e <- replace(0 * coef(pw), k, 1e-6)
  (score_sum(coef(pw) + e) - score_sum(coef(pw) - e)) / 2e-6
})
B <- solve(H)
S <- estfun(pw)
Sg <- rowsum(S, d$stratum)
add("probit", "robust", TRUE, pw, B %*% crossprod(S) %*% B * n / (n - 1))
add("probit", "cluster", TRUE, pw, B %*% crossprod(Sg) %*% B * G / (G - 1))
write.csv(out, "r_reference/ref_R_infert_vce.csv", row.names = FALSE, quote = TRUE)
