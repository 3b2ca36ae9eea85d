"""placeholder"""
def compare(context, tables, facts, claims): return [], []
