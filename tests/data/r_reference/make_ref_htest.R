# make_ref_htest.R -- reference outputs of R for tests/lua/test_stats_tests.lua:
# t.test (Welch, pooled, one sample, with a missing value) and chisq.test
# (2 x 2 with and without Yates' correction, 3 x 3) on R's mtcars.
# Run from tests/data:  Rscript r_reference/make_ref_htest.R
# Written with R 4.2.2 Patched (2022-11-10 r83330), Debian r-base-core.
options(digits = 15)
d <- read.csv("r_reference/mtcars.csv", row.names = 1)
mpg_na <- d$mpg
mpg_na[3] <- NA                                   # Datsun 710, a manual car
tt <- function(name, r) data.frame(test = name, statistic = unname(r$statistic),
                                   df = unname(r$parameter), p = r$p.value,
                                   conf_lo = r$conf.int[1], conf_hi = r$conf.int[2],
                                   estimate_x = unname(r$estimate[1]),
                                   estimate_y = unname(r$estimate[2]))
ct <- function(name, r) data.frame(test = name, statistic = unname(r$statistic),
                                   df = unname(r$parameter), p = r$p.value,
                                   conf_lo = NA, conf_hi = NA, estimate_x = NA,
                                   estimate_y = NA)
out <- rbind(
  tt("welch mpg manual vs automatic", t.test(d$mpg[d$am == 1], d$mpg[d$am == 0])),
  tt("pooled mpg manual vs automatic",
     t.test(d$mpg[d$am == 1], d$mpg[d$am == 0], var.equal = TRUE)),
  tt("welch mpg with NA", t.test(mpg_na[d$am == 1], mpg_na[d$am == 0])),
  tt("one sample mpg mu 20", t.test(d$mpg, mu = 20)),
  ct("chisq vs by am yates", chisq.test(d$vs, d$am)),
  ct("chisq vs by am plain", chisq.test(d$vs, d$am, correct = FALSE)),
  ct("chisq cyl by gear", suppressWarnings(chisq.test(d$cyl, d$gear))))
write.csv(out, "r_reference/ref_R_htest.csv", row.names = FALSE, quote = TRUE)
