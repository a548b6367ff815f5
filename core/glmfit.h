/*
** glmfit.h -- the numerical kernel of binary-response GLMs (probit, logit):
** R's glm.fit iteration (IRLS / Fisher scoring with step halving) in C, one
** pass over the data per iteration for the link functions, the weights and
** the deviance, X'WX by blocks of rows through dsyrk (X never copied whole),
** the normal equations solved by Cholesky. Also the weighted Gram matrix,
** the observed-information weights and the per-cluster score sums that
** sandwich (robust, cluster) covariances need.
*/
#ifndef CL_GLMFIT_H
#define CL_GLMFIT_H

#include "matrix.h"
#include "status.h"

typedef enum { CL_GLM_PROBIT, CL_GLM_LOGIT } cl_glm_link;

typedef struct cl_glm_fit {
  int maxit;            /* in: at most this many iterations (R: 25) */
  double epsilon;       /* in: relative change of the deviance (R: 1e-8) */
  int iterations;       /* out: iterations done */
  int converged;        /* out: the deviance changed by less than epsilon */
  double deviance;      /* out: -2 sum w_i log Pr(y_i) */
} cl_glm_fit;

/* Fits Pr(y = 1) = F(X beta) with prior weights w (NULL: all 1) as R's
** glm.fit (McCullagh & Nelder 1989, sec. 2.5): mu starts at (w y + 1/2) /
** (w + 1); each iteration solves X'WX b = X'(W eta + u) with W the Fisher
** weights mu.eta^2 / (mu (1 - mu)) and u the scores; a step that raises the
** deviance is halved (up to 30 times). y is 0/1, X n x p, w > 0 (checked by
** the caller). Outputs: beta (p), info (p x p: X'WX of the last iteration,
** the expected information whose inverse is R's vcov), eta = X beta (n),
** lp = log Pr(y_i | eta_i) (n). A singular X'WX is CL_ESINGULAR (beta and
** lp then hold the last iterate, for the caller's separation check). */
int cl_glmfit_irls (cl_glm_link link, const cl_matrix *X, const double *y,
                    const double *w, cl_glm_fit *fit, double *beta,
                    double *info, double *eta, double *lp, cl_error *err);

/* Per observation at eta: the score s_i = d log Pr(y_i) / d eta_i and the
** observed information h_i = -d^2 log Pr(y_i) / d eta_i^2, both times w_i
** (w NULL: 1). For the logit h is the Fisher weight mu (1 - mu); for the
** probit h = lambda (lambda + q eta) with q = 2y - 1, lambda = q phi / Phi(q
** eta) (Greene 2012, eq. 17-19), formed on the log scale. */
void cl_glmfit_derivatives (cl_glm_link link, size_t n, const double *y,
                            const double *eta, const double *w, double *score,
                            double *hess);

/* G = X' diag(v) X (p x p, symmetric), v >= 0 (NULL: X'X), by blocks of
** rows scaled by sqrt(v) and accumulated with dsyrk */
int cl_glmfit_gram (const cl_matrix *X, const double *v, double *G,
                    cl_error *err);

/* S (G x p) with row g = sum over i in cluster g of s_i x_i'; group[i] in
** 0 .. G-1 */
void cl_glmfit_cluster_scores (const cl_matrix *X, const double *s,
                               const int *group, size_t G, double *S);

#endif
