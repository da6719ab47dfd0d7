"""plein-git: per page creation date, last update, authors and former paths, from one pass over git history."""
