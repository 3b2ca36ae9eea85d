"""placeholder"""
def build_facts(tables, context):
    return []
