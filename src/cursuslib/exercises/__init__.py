"""Pure exercise logic, one module per exercise type: checking answers, building feedback."""
