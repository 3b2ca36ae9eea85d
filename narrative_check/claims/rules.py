"""placeholder"""
def extract_offline(sents, context): return []
def extract_regex_baseline(sents, context): return []
